import CLinux
import Foundation

/// Password hashes in crypt(3) form, verified and made by libcrypt (no hand-written crypto).
public enum PasswordHash {
    /// Whether `password` matches `hash` (`$2y$`/`$2b$` bcrypt, `$6$` sha512-crypt, `$5$` sha256-crypt).
    /// Apache's own `$apr1$` MD5 and plain-text entries are refused: libcrypt cannot check them.
    public static func verify(_ password: String, against hash: String) -> Bool {
        guard isSupported(hash) else { return false }
        guard let computed = crypt(password, setting: hash) else { return false }
        return ConstantTime.equal(computed, hash)
    }

    /// A new bcrypt hash of `password` with a random salt from the system's CSPRNG. (crypt_gensalt_rn, crypt_r)
    public static func make(_ password: String, cost: Int = 10) -> String? {
        var setting = [CChar](repeating: 0, count: Int(CRYPT_GENSALT_OUTPUT_SIZE))
        // A nil random-bytes argument makes libcrypt read the OS's random source itself.
        guard crypt_gensalt_rn("$2y$", UInt(cost), nil, 0, &setting, Int32(setting.count)) != nil else { return nil }
        let settingString = String(decoding: setting.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return crypt(password, setting: settingString)
    }

    /// Whether libcrypt can verify this kind of hash.
    public static func isSupported(_ hash: String) -> Bool {
        ["$2y$", "$2b$", "$2a$", "$6$", "$5$"].contains { hash.hasPrefix($0) }
    }

    private static func crypt(_ password: String, setting: String) -> String? {
        // crypt_data is ~32 KiB: keep it off the stack of worker threads.
        let data = UnsafeMutablePointer<crypt_data>.allocate(capacity: 1)
        defer { data.deallocate() }
        memset(data, 0, MemoryLayout<crypt_data>.size)
        guard let result = crypt_r(password, setting, data) else { return nil }
        let text = String(cString: result)
        // libxcrypt returns a string starting with "*" on failure instead of NULL.
        return text.hasPrefix("*") ? nil : text
    }

}
