/* agency: header capitals to the running-text name (Decree 30, Phụ lục II). */
#include <string.h>

#include "agency.h"
#include "arena.h"
#include "unit.h"

int main(void)
{
	struct arena a;
	arena_init(&a);
	static const char *const cases[][2] = {
	    {"ỦY BAN NHÂN DÂN HUYỆN PHONG THỔ", "Ủy ban nhân dân huyện Phong Thổ"},
	    {"ỦY BAN NHÂN DÂN\nHUYỆN PHONG THỔ", "Ủy ban nhân dân huyện Phong Thổ"},
	    {"UBND HUYỆN PHONG THỔ", "Ủy ban nhân dân huyện Phong Thổ"},
	    {"ỦY BAN NHÂN DÂN TỈNH LAI CHÂU", "Ủy ban nhân dân tỉnh Lai Châu"},
	    {"ỦY BAN NHÂN DÂN XÃ MƯỜNG SO", "Ủy ban nhân dân xã Mường So"},
	    {"ỦY BAN NHÂN DÂN THỊ XÃ SA PA", "Ủy ban nhân dân thị xã Sa Pa"},
	    {"ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", "Ủy ban nhân dân Thành phố Hồ Chí Minh"},
	    {"ỦY BAN NHÂN DÂN THÀNH PHỐ LAI CHÂU", "Ủy ban nhân dân thành phố Lai Châu"},
	    {"ỦY BAN NHÂN DÂN QUẬN 1", "Ủy ban nhân dân Quận 1"},
	    {"ỦY BAN NHÂN DÂN PHƯỜNG BẾN NGHÉ", "Ủy ban nhân dân phường Bến Nghé"},
	    {"HỘI ĐỒNG NHÂN DÂN TỈNH BẮC GIANG", "Hội đồng nhân dân tỉnh Bắc Giang"},
	    {"SỞ TÀI CHÍNH", "Sở Tài chính"},
	    {"SỞ TÀI CHÍNH TỈNH LAI CHÂU", "Sở Tài chính tỉnh Lai Châu"},
	    {"SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH LAI CHÂU",
	     "Sở Lao động - Thương binh và Xã hội tỉnh Lai Châu"},
	    {"PHÒNG GIÁO DỤC VÀ ĐÀO TẠO HUYỆN PHONG THỔ",
	     "Phòng Giáo dục và Đào tạo huyện Phong Thổ"},
	    {"BỘ TÀI CHÍNH", "Bộ Tài chính"},
	    {"CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC", "Cục Văn thư và Lưu trữ nhà nước"},
	    {"VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH", "Văn phòng Ủy ban nhân dân tỉnh"},
	    {"BAN QUẢN LÝ DỰ ÁN ĐẦU TƯ XÂY DỰNG HUYỆN PHONG THỔ",
	     "Ban Quản lý dự án đầu tư xây dựng huyện Phong Thổ"},
	    {"", ""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		const char *got = agency_running_name(&a, cases[i][0]);
		CHECK(strcmp(got, cases[i][1]) == 0, "%s -> %s (got %s)", cases[i][0],
		      cases[i][1], got);
	}
	arena_free(&a);
	UNIT_DONE();
}
