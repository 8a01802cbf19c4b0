/* The public header must compile alone, as C99 with -pedantic and as C++. */
#include "clauselint.h"

int clint_headertest(void);

int clint_headertest(void)
{
	clint_doc_options d = CLINT_DOC_OPTIONS_INIT;
	clint_ruleset_options r = CLINT_RULESET_OPTIONS_INIT;
	clint_check_options c = CLINT_CHECK_OPTIONS_INIT;
	clint_render_options o = CLINT_RENDER_OPTIONS_INIT;

	return (int)(d.version + r.version + c.version + o.version) +
	       CLINT_VERSION_NUMBER;
}
