// libFuzzer's driver, for fuzz targets whose main() is their own (SwiftPM names the executable's
// entry point). Defined by the runtime that -sanitize=fuzzer links; declared in compiler-rt's
// FuzzerInterface.h.
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
