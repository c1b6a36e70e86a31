/* The allocation probe's API for the program it is preloaded into. A program looks these up
   with dlsym(RTLD_DEFAULT, ...) so it runs unchanged without the probe. */
#ifndef ZBENCH_PROBE_H
#define ZBENCH_PROBE_H

#ifdef __cplusplus
extern "C" {
#endif

/* zbench_probe_mark("begin") opens the counting window, zbench_probe_mark("end") closes it;
   other names are ignored. Without marks the window is the whole process.
   The report goes, at exit, to the file named by ZBENCH_PROBE_OUT ("%p" = the process id). */
void zbench_probe_mark(const char* name);

/* Adds n to the number of application messages sent inside the window, the divisor of every
   per-message figure. */
void zbench_probe_messages(unsigned long long n);

#ifdef __cplusplus
}
#endif

#endif
