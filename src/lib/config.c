/*
 * config.c - project files (.clauselint.xml): per-project settings for a
 * run - extra packs, built-in packs left out, rules enabled, disabled or
 * given another severity, and include/exclude globs for directories.
 *
 * A project file is untrusted like a pack: size-capped, refused if it
 * holds a DOCTYPE or an entity declaration, parsed by libxml2 with no
 * network and no entity substitution, and validated against the embedded
 * RELAX NG schema (clausepacks/schema/config.rng). Every problem is
 * reported as file:line: error. Rule ids are only checked when a ruleset
 * is loaded with the settings (clint_ruleset_load()), against the packs
 * actually loaded.
 */
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "internal.h"
#include "lazylib.h"  /* after libxml2/libzip: calls through dlopen() */

#define CONFIG_MAX_BYTES ((size_t)1024 * 1024)
#define CONFIG_MAX_ENTRIES 10000  /* in add_entry()'s message too */

typedef struct {
	clint_config_kind kind;
	char *value;
	clint_severity severity;
	unsigned line;
} config_entry;

struct clint_config {
	char *path;
	int default_packs;
	config_entry *entries;
	size_t entry_count, entry_cap;
	clint_rule_setting *settings;
	size_t setting_count;
};

typedef struct {
	clint_diag *diag;
	const char *file;
	int errors;
} config_ctx;

static void config_xml_error(void *userdata, xmlErrorPtr err)
{
	config_ctx *ctx = userdata;

	if (clint_diag_xml_error(ctx->diag, ctx->file, err))
		ctx->errors++;
}

static void config_error(config_ctx *ctx, unsigned line, const char *msg)
{
	clint_diag_add(ctx->diag, CLINT_DIAG_ERROR, ctx->file, line, 0, "%s", msg);
	ctx->errors++;
}

/* Reads at most CONFIG_MAX_BYTES of `path`, NUL-terminated, into *out. */
static int read_config_file(config_ctx *ctx, const char *path, char **out,
                            size_t *len)
{
	clint_buf b = CLINT_BUF_INIT;
	const char *why;
	int rc;

	*out = NULL;
	rc = clint_buf_read_file(&b, path, CONFIG_MAX_BYTES, &why);
	if (rc == CLINT_EIO)
		clint_diag_add(ctx->diag, CLINT_DIAG_ERROR, path, 0, 0, "%s", why);
	else if (rc == CLINT_ELIMIT)
		clint_diag_add(ctx->diag, CLINT_DIAG_ERROR, path, 0, 0,
		               "project file is larger than %zu bytes",
		               CONFIG_MAX_BYTES);
	else if (rc == CLINT_OK)
		*out = clint_buf_detach(&b, len);
	clint_buf_free(&b);
	return rc;
}

static char *xml_attr(xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	char *s;

	if (!v)
		return NULL;
	s = clint_strdup((const char *)v);
	xmlFree(v);
	return s;
}

/* "packs/x.xml" in "/proj/.clauselint.xml" -> "/proj/packs/x.xml". */
static char *resolve_path(const char *config_path, const char *file)
{
	const char *slash = strrchr(config_path, '/');
	clint_buf b = CLINT_BUF_INIT;

	if (file[0] == '/' || !slash)
		return clint_strdup(file);
	if (clint_buf_put(&b, config_path, (size_t)(slash - config_path) + 1) < 0 ||
	    clint_buf_puts(&b, file) < 0) {
		clint_buf_free(&b);
		return NULL;
	}
	return clint_buf_detach(&b, NULL);
}

static int add_entry(clint_config *cfg, config_ctx *ctx, xmlNodePtr n)
{
	static const struct {
		const char *element, *attribute;
		clint_config_kind kind;
	} kinds[] = {
		{"pack", "name", CLINT_CONFIG_PACK},
		{"pack", "file", CLINT_CONFIG_PACK},
		{"disable-pack", "name", CLINT_CONFIG_DISABLE_PACK},
		{"enable", "rule", CLINT_CONFIG_ENABLE},
		{"disable", "rule", CLINT_CONFIG_DISABLE},
		{"severity", "rule", CLINT_CONFIG_SEVERITY},
		{"include", "glob", CLINT_CONFIG_INCLUDE},
		{"exclude", "glob", CLINT_CONFIG_EXCLUDE},
	};
	config_entry e;
	size_t k;

	memset(&e, 0, sizeof(e));
	e.line = clint_xml_line(n);
	for (k = 0; k < ARRAY_LEN(kinds); k++) {
		if (strcmp((const char *)n->name, kinds[k].element) != 0)
			continue;
		e.value = xml_attr(n, kinds[k].attribute);
		if (!e.value)
			continue;
		e.kind = kinds[k].kind;
		if (strcmp(kinds[k].attribute, "file") == 0) {
			char *abs = resolve_path(cfg->path, e.value);
			free(e.value);
			e.value = abs;
			if (!e.value)
				return CLINT_ENOMEM;
		}
		break;
	}
	if (k == ARRAY_LEN(kinds))
		return CLINT_OK; /* the schema has reported it */
	if (e.kind == CLINT_CONFIG_SEVERITY) {
		char *level = xml_attr(n, "level");
		if (!level || clint_severity_from_name(&e.severity, level) < 0)
			config_error(ctx, e.line, "severity level is not error, "
			                          "warning or info");
		free(level);
	}
	if (cfg->entry_count >= CONFIG_MAX_ENTRIES) {
		free(e.value);
		config_error(ctx, e.line, "more than 10000 entries in a project "
		                          "file");
		return CLINT_ELIMIT;  /* said once: the others are not read */
	}
	if (ARRAY_PUSH(cfg->entries, cfg->entry_count, cfg->entry_cap) < 0) {
		free(e.value);
		return CLINT_ENOMEM;
	}
	cfg->entries[cfg->entry_count++] = e;
	return CLINT_OK;
}

/* The enable/disable/severity entries as ruleset settings. */
static int build_settings(clint_config *cfg)
{
	size_t i, n = 0;

	for (i = 0; i < cfg->entry_count; i++)
		if (cfg->entries[i].kind >= CLINT_CONFIG_ENABLE &&
		    cfg->entries[i].kind <= CLINT_CONFIG_SEVERITY)
			n++;
	if (!n)
		return CLINT_OK;
	cfg->settings = calloc(n, sizeof(*cfg->settings));
	if (!cfg->settings)
		return CLINT_ENOMEM;
	for (i = 0; i < cfg->entry_count; i++) {
		const config_entry *e = &cfg->entries[i];
		clint_rule_setting *s;

		if (e->kind < CLINT_CONFIG_ENABLE || e->kind > CLINT_CONFIG_SEVERITY)
			continue;
		s = &cfg->settings[cfg->setting_count++];
		s->action = e->kind == CLINT_CONFIG_ENABLE    ? CLINT_RULE_ENABLE
		            : e->kind == CLINT_CONFIG_DISABLE ? CLINT_RULE_DISABLE
		                                              : CLINT_RULE_SEVERITY;
		s->rule_id = e->value;
		s->severity = e->severity;
		s->file = cfg->path;
		s->line = e->line;
	}
	return CLINT_OK;
}

int clint_config_load(clint_config **out, const char *path, clint_diag *diag)
{
	config_ctx ctx;
	clint_config *cfg = NULL;
	char *data = NULL, *dp = NULL;
	size_t len = 0;
	clint_xml_reader reader = {"project files",
	                           XML_PARSE_NOWARNING | XML_PARSE_BIG_LINES, 0, "", NULL, 0};
	xmlParserCtxtPtr pctx = NULL;
	xmlDocPtr xdoc = NULL;
	xmlNodePtr root, c;
	int rc = CLINT_OK;

	if (!out || !path)
		return CLINT_EINVAL;
	*out = NULL;
	memset(&ctx, 0, sizeof(ctx));
	ctx.diag = diag;
	ctx.file = path;
	cfg = calloc(1, sizeof(*cfg));
	if (!cfg || !(cfg->path = clint_strdup(path))) {
		rc = CLINT_ENOMEM;
		goto done;
	}
	cfg->default_packs = 1;
	TRY(read_config_file(&ctx, path, &data, &len));
	if (memchr(data, 0, len)) {
		config_error(&ctx, 0, "not an XML project file (binary data)");
		goto done;
	}
	clint_xml_init();
	xmlSetStructuredErrorFunc(&ctx, config_xml_error);
	pctx = xmlNewParserCtxt();
	if (!pctx) {
		rc = CLINT_ENOMEM;
		goto done;
	}
	rc = clint_xml_read(&xdoc, pctx, data, len, path, &reader);
	if (rc != CLINT_OK) {
		config_error(&ctx, 0, reader.why);
		rc = CLINT_OK;
		goto done;
	}
	if (!xdoc) {
		if (!ctx.errors)
			config_error(&ctx, 0, "not well-formed XML");
		goto done;
	}
	rc = clint_xml_validate(CLINT_SCHEMA_CONFIG, xdoc, config_xml_error, &ctx);
	if (rc == CLINT_EFORMAT) {
		config_error(&ctx, 0, "internal error: the embedded project file "
		                      "schema does not compile");
		rc = CLINT_OK;
		goto done;
	} else if (rc == 1) {
		if (!ctx.errors)
			config_error(&ctx, 0, "does not follow the project file schema");
		rc = CLINT_OK;
		goto done;
	} else if (rc < 0) {
		goto done;
	}
	root = xmlDocGetRootElement(xdoc);
	dp = xml_attr(root, "default-packs");
	cfg->default_packs = !(dp && strcmp(dp, "no") == 0);
	for (c = root->children; c && rc == CLINT_OK; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			rc = add_entry(cfg, &ctx, c);
	if (rc == CLINT_ELIMIT)
		rc = CLINT_OK;  /* reported: ctx.errors makes it CLINT_EPACK */
	if (rc == CLINT_OK)
		rc = build_settings(cfg);
done:
	xmlSetStructuredErrorFunc(NULL, NULL);
	xmlFreeDoc(xdoc);
	xmlFreeParserCtxt(pctx);
	free(dp);
	free(data);
	if (rc == CLINT_OK && ctx.errors)
		rc = CLINT_EPACK;
	if (rc == CLINT_ENOMEM)
		clint_diag_add(diag, CLINT_DIAG_ERROR, path, 0, 0, "out of memory");
	if (rc < 0) {
		clint_config_free(cfg);
		return rc;
	}
	*out = cfg;
	return CLINT_OK;
}

void clint_config_free(clint_config *cfg)
{
	size_t i;

	if (!cfg)
		return;
	for (i = 0; i < cfg->entry_count; i++)
		free(cfg->entries[i].value);
	free(cfg->entries);
	free(cfg->settings);
	free(cfg->path);
	free(cfg);
}

const char *clint_config_path(const clint_config *cfg)
{
	return cfg ? cfg->path : NULL;
}

int clint_config_default_packs(const clint_config *cfg)
{
	return cfg ? cfg->default_packs : 1;
}

size_t clint_config_entry_count(const clint_config *cfg)
{
	return cfg ? cfg->entry_count : 0;
}

int clint_config_entry_get(const clint_config *cfg, size_t i,
                           clint_config_entry *out)
{
	if (!cfg || !out || i >= cfg->entry_count)
		return CLINT_EINVAL;
	out->kind = cfg->entries[i].kind;
	out->value = cfg->entries[i].value;
	out->severity = cfg->entries[i].severity;
	out->line = cfg->entries[i].line;
	return CLINT_OK;
}

const clint_rule_setting *clint_config_rule_settings(const clint_config *cfg,
                                                     size_t *count)
{
	if (count)
		*count = cfg ? cfg->setting_count : 0;
	return cfg ? cfg->settings : NULL;
}
