import Foundation
import Testing
@testable import WikiStore

/// `Mbox.parse` against real `git format-patch` output and hand-written mail.
@Suite struct MboxTests {
    /// A repository with a page and one commit on top by a non-ASCII author in +05:30.
    private func repositoryWithOnePatch() throws -> PatchWorkTree {
        let tree = try PatchWorkTree()
        try tree.write("Home.md", "a\n")
        try tree.commit("first")
        try tree.write("Home.md", "a\nb\n")
        try tree.commit("Füx the failover runbook\n\nBody line one.\nFrom the start, ok.\n\nSecond paragraph.\n",
                        author: ("Jörg Müller", "joerg@example.com"), date: "2024-03-01T10:00:00+0530")
        return tree
    }

    @Test("One format-patch mail: author, date with zone, subject, message and diff")
    func onePatch() throws {
        let tree = try repositoryWithOnePatch()
        let patches = try Mbox.parse(try tree.formatPatch("-1"))
        #expect(patches.count == 1)
        let patch = try #require(patches.first)
        #expect(patch.author.name == "Jörg Müller")
        #expect(patch.author.email == "joerg@example.com")
        let seconds = try #require(TimeInterval(tree.git("log", "-1", "--format=%at").trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(patch.author.date == Date(timeIntervalSince1970: seconds))
        #expect(patch.authorTimeZoneOffset == 330)
        #expect(patch.subject == "Füx the failover runbook")
        #expect(patch.message == "Füx the failover runbook\n\nBody line one.\nFrom the start, ok.\n\nSecond paragraph.\n")
        let diff = String(decoding: patch.diff, as: UTF8.self)
        #expect(diff.hasPrefix("diff --git a/Home.md b/Home.md\n"))
        #expect(diff.hasSuffix("@@ -1 +1,2 @@\n a\n+b\n"))
    }

    @Test("A long non-ASCII subject that format-patch folds into several encoded-words reads as one line")
    func foldedEncodedSubject() throws {
        let tree = try PatchWorkTree()
        try tree.write("Home.md", "a\n")
        let subject = "Füx the failover runbook with a very long subject line that goes on and on beyond the limit – ok"
        try tree.commit(subject)
        let mbox = try tree.formatPatch("--root", "-1")
        #expect(String(decoding: mbox, as: UTF8.self).contains("?=\n =?UTF-8?q?"))
        #expect(try Mbox.parse(mbox).first?.subject == subject)
    }

    @Test("A series: every patch in order, [PATCH n/m] stripped, each with only its own diff")
    func series() throws {
        let tree = try PatchWorkTree()
        try tree.write("Home.md", "a\n")
        try tree.commit("base")
        for (index, page) in ["One", "Two", "Three"].enumerated() {
            try tree.write("\(page).md", "page \(index)\n")
            try tree.commit("Add \(page)\n\nWhy: number \(index).", date: "2024-03-0\(index + 2)T08:00:00-0700")
        }
        let mbox = try tree.formatPatch("-3")
        #expect(String(decoding: mbox, as: UTF8.self).contains("[PATCH 2/3]"))
        let patches = try Mbox.parse(mbox)
        #expect(patches.map(\.subject) == ["Add One", "Add Two", "Add Three"])
        #expect(patches.map(\.message) == ["Add One\n\nWhy: number 0.\n", "Add Two\n\nWhy: number 1.\n", "Add Three\n\nWhy: number 2.\n"])
        #expect(patches.map(\.authorTimeZoneOffset) == [-420, -420, -420])
        for (patch, page) in zip(patches, ["One", "Two", "Three"]) {
            let diff = String(decoding: patch.diff, as: UTF8.self)
            #expect(diff.hasPrefix("diff --git a/\(page).md b/\(page).md\nnew file mode 100644\n"))
            #expect(diff.components(separatedBy: "diff --git").count == 2)
        }
    }

    @Test("Patch files concatenated read the same as --stdout")
    func concatenatedFiles() throws {
        let tree = try PatchWorkTree()
        try tree.write("Home.md", "a\n")
        try tree.commit("base")
        try tree.write("Home.md", "a\nb\n")
        try tree.commit("second")
        try tree.write("Other.md", "x\n")
        try tree.commit("third")
        let output = tree.root.appendingPathComponent("out")
        let names = try tree.git("format-patch", "-2", "-o", output.path).split(separator: "\n").map(String.init)
        #expect(names.count == 2)
        var joined: [UInt8] = []
        for name in names { joined += Array(try Data(contentsOf: URL(fileURLWithPath: name))) }
        #expect(try Mbox.parse(joined) == Mbox.parse(try tree.formatPatch("-2")))
        #expect(try Mbox.parse(joined).map(\.subject) == ["second", "third"])
    }

    @Test("A mail client's mbox splits at its From_ lines; a body line starting with \"From \" does not split")
    func mailClientMbox() throws {
        let mail = { (subject: String, page: String) in
            "From someone@example.com Mon Mar  4 12:00:00 2024\nFrom: A <a@example.com>\nDate: Mon, 4 Mar 2024 12:00:00 +0000\n"
                + "Subject: [PATCH] \(subject)\n\nFrom the start, 12:00:00 was wrong.\n---\n"
                + "diff --git a/\(page) b/\(page)\n--- a/\(page)\n+++ b/\(page)\n@@ -1 +1 @@\n-a\n+b\n\n"
        }
        let patches = try Mbox.parse(Array((mail("one", "A.md") + mail("two", "B.md")).utf8))
        #expect(patches.map(\.subject) == ["one", "two"])
        #expect(patches.map(\.message) == ["one\n\nFrom the start, 12:00:00 was wrong.\n", "two\n\nFrom the start, 12:00:00 was wrong.\n"])
        #expect(String(decoding: patches[0].diff, as: UTF8.self) == "diff --git a/A.md b/A.md\n--- a/A.md\n+++ b/A.md\n@@ -1 +1 @@\n-a\n+b\n")
    }

    @Test("mboxrd quoting: a body line \">From \" loses one \">\"")
    func mboxrdQuoting() throws {
        let tree = try repositoryWithOnePatch()
        let mbox = try tree.formatPatch("-1", "--pretty=mboxrd")
        #expect(String(decoding: mbox, as: UTF8.self).contains("\n>From the start, ok.\n"))
        #expect(try Mbox.parse(mbox).first?.message.contains("\nFrom the start, ok.\n") == true)
    }

    @Test("An in-body From (format-patch --from) overrides the sender as the author")
    func inBodyFrom() throws {
        let tree = try repositoryWithOnePatch()
        let mbox = try tree.formatPatch("-1", "--from=Sender Person <sender@example.com>")
        #expect(String(decoding: mbox, as: UTF8.self).contains("From: Sender Person <sender@example.com>"))
        let patch = try #require(try Mbox.parse(mbox).first)
        #expect(patch.author.name == "Jörg Müller")
        #expect(patch.author.email == "joerg@example.com")
        #expect(patch.message.hasPrefix("Füx the failover runbook\n\nBody line one.\n"))
    }

    @Test("Hand-written mail: CRLF line ends, B and Q encodings, a folded subject, [RFC PATCH v2 1/2], no signature")
    func handWrittenMail() throws {
        let mail = """
            From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001
            From: =?utf-8?B?w4lsb2TDrWU=?= =?ISO-8859-1?Q?_M=FCller?= <elodie@example.com>
            Date: Sat, 2 Mar 2024 23:15:00 -0130
            Subject: Re: [RFC PATCH v2 1/2] Make the
             subject   fold

            Why it matters.
            ---
            diff --git a/A.md b/A.md
            index 1111111..2222222 100644
            --- a/A.md
            +++ b/A.md
            @@ -1 +1 @@
            -old
            +new

            """.replacingOccurrences(of: "\n", with: "\r\n")
        let patch = try #require(try Mbox.parse(Array(mail.utf8)).first)
        #expect(patch.author.name == "Élodíe Müller")
        #expect(patch.author.email == "elodie@example.com")
        #expect(patch.authorTimeZoneOffset == -90)
        // 2024-03-02 23:15 at -01:30 is 2024-03-03 00:45 UTC.
        #expect(patch.author.date == Date(timeIntervalSince1970: 1_709_426_700))
        #expect(patch.subject == "Make the subject   fold")
        #expect(patch.message == "Make the subject   fold\n\nWhy it matters.\n")
        #expect(String(decoding: patch.diff, as: UTF8.self).hasSuffix("@@ -1 +1 @@\n-old\n+new\n"))
        #expect(!patch.diff.contains(UInt8(ascii: "\r")))
    }

    @Test("A quoted-printable body is decoded before the message and diff are read")
    func quotedPrintableBody() throws {
        let mail = """
            From: "Doe, Jane" <jane@example.com>
            Date: Mon, 4 Mar 2024 12:00:00 +0000
            Subject: [PATCH] Caf=C3=A9
            Content-Type: text/plain; charset=UTF-8
            Content-Transfer-Encoding: quoted-printable

            Caf=C3=A9 menu, a long line that is =
            soft-broken.
            ---
            diff --git a/A.md b/A.md
            --- a/A.md
            +++ b/A.md
            @@ -1 +1 @@
            -x
            +caf=C3=A9
            --=20
            2.39.5

            """
        let patch = try #require(try Mbox.parse(Array(mail.utf8)).first)
        #expect(patch.author.name == "Doe, Jane")
        #expect(patch.message == "Caf=C3=A9\n\nCafé menu, a long line that is soft-broken.\n")
        #expect(String(decoding: patch.diff, as: UTF8.self).hasSuffix("-x\n+café\n"))
    }

    @Test("Input that is not a format-patch mbox is refused with the reason", arguments: [
        ("", "empty"),
        ("hello world\nthis is not mail\n", "should start with a \"From \" line"),
        ("From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\nFrom: A <a@b.c>\nSubject: x\n\nno diff here\n", "has no diff"),
        ("From x\nFrom: A <a@b.c>\nDate: yesterday\nSubject: x\n\n---\ndiff --git a/A.md b/A.md\n", "not an RFC 2822 date"),
        ("From x\nFrom: nobody\nSubject: x\n\n---\ndiff --git a/A.md b/A.md\n", "no usable email address"),
        ("From x\nFrom: A <a@b.c>\nSubject: [PATCH]\n\n---\ndiff --git a/A.md b/A.md\n", "subject is empty"),
        ("From x\nthis is no header\n", "is malformed"),
    ])
    func refusesGarbage(_ input: String, _ reason: String) {
        do {
            let patches = try Mbox.parse(Array(input.utf8))
            Issue.record("parsed \(patches.count) patches from garbage")
        } catch StoreError.invalidInput(let message) {
            #expect(message.contains(reason), "\(message)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("More than 500 patches, or more than 10 MiB, are refused before parsing")
    func limits() throws {
        let one = "From 0123456789abcdef0123456789abcdef01234567 Mon Sep 17 00:00:00 2001\nFrom: A <a@b.c>\nSubject: x\n\n---\ndiff --git a/A.md b/A.md\n"
        #expect(try Mbox.parse(Array(String(repeating: one, count: 500).utf8)).count == 500)
        #expect(throws: StoreError.invalidInput("The mbox holds more than 500 patches.")) {
            try Mbox.parse(Array(String(repeating: one, count: 501).utf8))
        }
        #expect(throws: StoreError.invalidInput("The mbox is larger than 10 MiB.")) {
            try Mbox.parse([UInt8](repeating: UInt8(ascii: "a"), count: 10 << 20 + 1))
        }
    }

    @Test("RFC 2822 dates with names, comments, two-digit years and zone names", arguments: [
        ("Fri, 1 Mar 2024 10:00:00 +0530", 1_709_267_400.0, 330),
        ("1 Mar 2024 04:30 +0000", 1_709_267_400.0, 0),
        ("Fri, 01 Mar 24 04:30:00 GMT (UTC)", 1_709_267_400.0, 0),
        ("Thu, 29 Feb 2024 23:30:00 EST", 1_709_267_400.0, -300),
        ("Sat, 1 Jan 1966 00:00:00 +0100", -126_234_000.0, 60),
    ])
    func dates(_ text: String, _ seconds: Double, _ offset: Int) throws {
        let date = try #require(MailDate(text))
        #expect(date.date == Date(timeIntervalSince1970: seconds))
        #expect(date.offsetMinutes == offset)
    }

    @Test("Malformed dates are nil, never a trap", arguments: [
        "", "Fri, 1 Mar 2024", "32 Mar 2024 10:00:00 +0000", "1 Foo 2024 10:00:00 +0000", "1 Mar 2024 24:00:00 +0000",
        "1 Mar 99999999999999999 10:00:00 +0000", "1 Mar 2024 10:00:00 +05", "1 Mar 2024 10:00:00 +0560",
    ])
    func malformedDates(_ text: String) {
        #expect(MailDate(text) == nil)
    }
}
