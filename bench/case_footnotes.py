"""Issue 5: a document with 200 footnotes of mixed lengths, and the same
document twice over (400 notes): footnote placement must stay linear."""
import os
import random

WORDS = ("quyết định kế hoạch thực hiện chương trình giảm nghèo bền vững huyện xã "
         "vốn đầu tư sự nghiệp giải ngân năm giai đoạn hỗ trợ hộ nghèo cận nghèo "
         "nhà ở sinh kế mô hình dinh dưỡng truyền thông giám sát đánh giá").split()


def document(notes, seed=5):
    rnd = random.Random(seed)
    sent = lambda n: " ".join(rnd.choice(WORDS) for _ in range(n))
    paras, defs, k = [], [], 1
    while k <= notes:
        parts = []
        for _ in range(rnd.randint(1, 3)):
            if k > notes:
                break
            parts.append(sent(rnd.randint(8, 60)) + "[^n%d]" % k)
            defs.append("Chú thích %d: %s." % (k, sent(rnd.choice([1, 1, 1, 2, 3, 5, 12, 30]) * 14)))
            k += 1
        paras.append(" ".join(parts) + " " + sent(rnd.randint(0, 40)) + ".")
    return ("---\ntrich_yeu: Thử chú thích\n---\n\n" + "\n\n".join(paras) + "\n\n" +
            "\n".join("[^n%d]: %s" % (i + 1, d) for i, d in enumerate(defs)) + "\n")


def cases(tmp, baocao):
    res = []
    for n in (200, 400):
        md = os.path.join(tmp, "notes%d.md" % n)
        with open(md, "w", encoding="utf-8") as f:
            f.write(document(n))
        out = os.path.join(tmp, "notes%d.pdf" % n)
        res.append({"name": "footnotes %d" % n, "argv": [baocao, "build", md, "-o", out],
                    "out": out, "note": "2x the 200-note document" if n == 400 else ""})
    return res
