import Foundation

/// The `name:hash` line Apache's real `htpasswd` tool (apache2-utils) writes for `name` and `password`.
func htpasswdLine(_ flag: String, _ name: String, _ password: String) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/htpasswd")
    process.arguments = ["-n", "-b", flag, name, password]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
}
