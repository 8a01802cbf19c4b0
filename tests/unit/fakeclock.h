/*
 * fakeclock.h - a CPU clock the CPU-time limit tests control, for the
 * test programs linked with -Wl,--wrap=clock_gettime (test_check,
 * test_diff, test_pack; see the Makefile). Include it in one file of the
 * program.
 *
 * While fake_clock_on is set, the thread's CPU clock advances by
 * fake_clock_step seconds at each read, and by fake_clock_jump at read
 * number fake_clock_jump_at (counted from when the test set
 * fake_clock_reads to 0): a check with a limit between the two stops at
 * exactly that read, wherever it falls. The coarse monotonic clock moves
 * at every read, so check.c reads the CPU clock at every question. Other
 * clocks, and every clock while fake_clock_on is clear, are the real ones.
 */
#ifndef CLAUSELINT_FAKECLOCK_H
#define CLAUSELINT_FAKECLOCK_H

#include <time.h>

static int fake_clock_on;
static double fake_clock_now, fake_clock_step = 1e-6, fake_clock_jump = 1e3;
static unsigned long fake_clock_reads, fake_clock_jump_at;
static long long fake_clock_ticks;

int __real_clock_gettime(clockid_t clk, struct timespec *ts);
int __wrap_clock_gettime(clockid_t clk, struct timespec *ts);

static void fake_clock_set(struct timespec *ts, double s)
{
	ts->tv_sec = (time_t)s;
	ts->tv_nsec = (long)((s - (double)ts->tv_sec) * 1e9);
}

int __wrap_clock_gettime(clockid_t clk, struct timespec *ts)
{
	if (!fake_clock_on)
		return __real_clock_gettime(clk, ts);
	if (clk == CLOCK_THREAD_CPUTIME_ID) {
		fake_clock_reads++;
		fake_clock_now += fake_clock_reads == fake_clock_jump_at
		                      ? fake_clock_jump
		                      : fake_clock_step;
		fake_clock_set(ts, fake_clock_now);
		return 0;
	}
#ifdef CLOCK_MONOTONIC_COARSE
	if (clk == CLOCK_MONOTONIC_COARSE) {
		fake_clock_ticks++;
		fake_clock_set(ts, (double)fake_clock_ticks * 1e-3);
		return 0;
	}
#endif
	return __real_clock_gettime(clk, ts);
}

/* Starts the fake clock; the next check stops at CPU clock read `at`
 * (0: never) if its limit is over 1e-6 s per read and under 1000 s. */
static void fake_clock_start(unsigned long at)
{
	fake_clock_on = 1;
	fake_clock_reads = 0;
	fake_clock_jump_at = at;
}

static void fake_clock_stop(void)
{
	fake_clock_on = 0;
}

#endif
