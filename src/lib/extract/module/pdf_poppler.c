/*
 * pdf_poppler.c - the poppler module: reads the text layer of a PDF with
 * poppler-glib for pdf.c's layout stage. It runs in the helper program
 * clauselint-pdf (pdf_helper.c), never in the library; see pdfmod.h. The
 * limits are the helper's to enforce, on its whole process.
 *
 * Nothing here writes to stderr: poppler reports the damage it recovers
 * from through GLib's log, which is silenced (the file is reported once,
 * by the library).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <poppler.h>

#include "../pdfmod.h"

typedef struct {
	PopplerDocument *doc;
	GBytes *bytes;
} pdf_handle;

static void quiet_log(const gchar *domain, GLogLevelFlags level,
                      const gchar *message, gpointer data)
{
	(void)domain;
	(void)level;
	(void)message;
	(void)data;
}

static int pdf_open(void **out, const unsigned char *data, size_t len,
                    const clint_pdf_limits *lim, char *err, size_t errlen)
{
	static gsize quiet = 0;
	pdf_handle *h;
	GError *e = NULL;
	int rc;

	(void)lim;
	*out = NULL;
	if (errlen)
		err[0] = '\0';
	if (g_once_init_enter(&quiet)) {
		g_log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL |
		                                 G_LOG_FLAG_RECURSION,
		                  quiet_log, NULL);
		g_once_init_leave(&quiet, 1);
	}
	h = calloc(1, sizeof(*h));
	if (!h)
		return CLINT_PDF_ENOMEM;
	h->bytes = g_bytes_new_static(data, len);
	h->doc = poppler_document_new_from_bytes(h->bytes, NULL, &e);
	if (h->doc) {
		*out = h;
		return CLINT_PDF_OK;
	}
	if (e && e->domain == POPPLER_ERROR && e->code == POPPLER_ERROR_ENCRYPTED) {
		rc = CLINT_PDF_EENCRYPTED;
	} else {
		rc = CLINT_PDF_EDAMAGED;
		if (errlen)
			snprintf(err, errlen, "%s",
			         e && e->message ? e->message : "unknown error");
	}
	if (e)
		g_error_free(e);
	g_bytes_unref(h->bytes);
	free(h);
	return rc;
}

static int pdf_page_count(void *pdf)
{
	return poppler_document_get_n_pages(((pdf_handle *)pdf)->doc);
}

static int pdf_page(void *pdf, int i, char **text, clint_pdf_rect **rects,
                    size_t *nrects, char *err, size_t errlen)
{
	PopplerPage *page = poppler_document_get_page(((pdf_handle *)pdf)->doc, i);
	PopplerRectangle *r = NULL;
	guint n = 0, k;

	(void)err;
	(void)errlen;
	*text = NULL;
	*rects = NULL;
	*nrects = 0;
	if (page) {
		*text = poppler_page_get_text(page);
		if (*text && poppler_page_get_text_layout(page, &r, &n) && n) {
			*rects = g_try_new(clint_pdf_rect, n);
			if (*rects) {
				for (k = 0; k < n; k++) {
					(*rects)[k].x1 = r[k].x1;
					(*rects)[k].y1 = r[k].y1;
					(*rects)[k].x2 = r[k].x2;
					(*rects)[k].y2 = r[k].y2;
				}
				*nrects = n;
			}
		}
		g_free(r);
		g_object_unref(page);
	}
	if (!*text)
		*text = g_strdup("");
	return CLINT_PDF_OK;
}

static void pdf_release(void *p)
{
	g_free(p);
}

static void pdf_close(void *pdf)
{
	pdf_handle *h = pdf;

	if (!h)
		return;
	g_object_unref(h->doc);
	g_bytes_unref(h->bytes);
	free(h);
}

static int pdf_is_lower(uint32_t cp)
{
	return g_unichar_islower((gunichar)cp) != 0;
}

static const clint_pdf_module module = {
	CLINT_PDF_MODULE_ABI, pdf_open,  pdf_page_count, pdf_page,
	pdf_release,          pdf_close, pdf_is_lower,
};

const clint_pdf_module *clint_pdf_poppler_module(void)
{
	return &module;
}
