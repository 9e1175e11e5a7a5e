#include "epoch.h"

#include <stdlib.h>

enum epoch_state epoch_get(long long *t)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	if (!e || !*e)
		return EPOCH_UNSET;
	char *end;
	long long v = strtoll(e, &end, 10);
	if (*end || v < 0 || v > 253402300799LL) /* 9999-12-31 23:59:59 */
		return EPOCH_BAD;
	*t = v;
	return EPOCH_SET;
}
