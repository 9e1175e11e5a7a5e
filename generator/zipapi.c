#include "zipapi.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

const struct zipapi *zipapi_get(const char **why)
{
	static struct zipapi api;
	static int state; /* 0 not tried, 1 loaded, -1 failed */
	static const char *fail;
	static char dlmsg[256]; /* dlerror's text lives only until the next dl call */
	if (state == 0) {
		state = -1;
		void *h = dlopen("libzip.so.4", RTLD_NOW | RTLD_LOCAL);
		if (!h)
			h = dlopen("libzip.so", RTLD_NOW | RTLD_LOCAL);
		if (!h) {
			const char *e = dlerror();
			snprintf(dlmsg, sizeof dlmsg, "%s", e ? e : "libzip.so.4 not found");
			fail = dlmsg;
		} else {
			state = 1;
			/* POSIX: a function's address is returned as a void * */
#define ZIPAPI_LOAD(name)                                                \
	{                                                                \
		void *p = dlsym(h, "zip_" #name);                         \
		if (!p) {                                                \
			state = -1;                                       \
			fail = "libzip lacks zip_" #name;                  \
		}                                                        \
		memcpy(&api.name, &p, sizeof p);                          \
	}
			ZIPAPI_FUNCS(ZIPAPI_LOAD)
#undef ZIPAPI_LOAD
		}
	}
	if (state < 0) {
		*why = fail ? fail : "libzip cannot be loaded";
		return NULL;
	}
	return &api;
}
