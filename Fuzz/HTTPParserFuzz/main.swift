// libFuzzer target for RequestParser; build and run as NOTES-http.md says (-sanitize=fuzzer).
import Glibc

#if FUZZING
// SwiftPM links an executable's `main` to `HTTPParserFuzz_main`, so libFuzzer's own `main` cannot be
// used; this top-level code is the entry point and hands control to libFuzzer's documented driver
// (`int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*cb)(const uint8_t *, size_t))`).
// @_silgen_name: the C declaration has no header to import; its pointer-only signature has the same
// registers under swiftcc and the C convention on x86-64 and arm64.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

var argc = CommandLine.argc
var argv = CommandLine.unsafeArgv
exit(runFuzzerDriver(&argc, &argv) { data, size in fuzzRequestParser(data, size) })
#else
// A plain `swift build` (debug or release) builds every target, so without the fuzzing flags this
// executable only says how to build the real one.
print("HTTPParserFuzz: build with -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing -Xswiftc -DFUZZING (see NOTES-http.md)")
exit(64)
#endif
