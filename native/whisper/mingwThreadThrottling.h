// The thread power-throttling state ggml-cpu.c passes to SetThreadInformation (so Windows does not
// park its threads on a few cores), which older mingw-w64 headers (Debian 12's) lack.
// CMakeLists.txt force-includes it into C sources only when a test compile shows it missing.
#pragma once
typedef struct {
    unsigned long Version;
    unsigned long ControlMask;
    unsigned long StateMask;
} THREAD_POWER_THROTTLING_STATE;
#define THREAD_POWER_THROTTLING_CURRENT_VERSION 1
#define THREAD_POWER_THROTTLING_EXECUTION_SPEED 0x1
