/*
 * replay.c - a main() for the fuzz targets, built with gcc: feeds every
 * file named on the command line (directories: every file inside) to
 * LLVMFuzzerTestOneInput() once. `make fuzz-replay` runs the saved corpus
 * and the regression inputs through each target in `make test`, so a fixed
 * crash stays fixed without clang or libFuzzer. A target's
 * LLVMFuzzerInitialize(), if it has one, runs first, as under libFuzzer.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
/* Optional, as in libFuzzer: a weak reference, NULL when not defined. */
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static size_t runs;

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	long n;

	if (!f || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		fprintf(stderr, "replay: %s: cannot read\n", path);
		if (f)
			fclose(f);
		return -1;
	}
	buf = malloc((size_t)n + 1);
	if (!buf || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "replay: %s: cannot read\n", path);
		fclose(f);
		free(buf);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	runs++;
	return 0;
}

static int run_path(const char *path)
{
	struct stat st;
	struct dirent **list;
	int i, n, rc = 0;

	if (stat(path, &st) != 0) {
		fprintf(stderr, "replay: %s: no such file\n", path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return run_file(path);
	n = scandir(path, &list, NULL, alphasort);
	if (n < 0)
		return -1;
	for (i = 0; i < n; i++) {
		char sub[4096];
		if (list[i]->d_name[0] != '.' &&
		    snprintf(sub, sizeof(sub), "%s/%s", path, list[i]->d_name) <
		        (int)sizeof(sub) &&
		    run_path(sub) < 0)
			rc = -1;
		free(list[i]);
	}
	free(list);
	return rc;
}

int main(int argc, char **argv)
{
	int i, rc = 0;

	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	for (i = 1; i < argc; i++)
		if (run_path(argv[i]) < 0)
			rc = 1;
	printf("replay: %zu inputs\n", runs);
	return rc;
}
