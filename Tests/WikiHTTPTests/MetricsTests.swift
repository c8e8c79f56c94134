import Foundation
import Testing
@testable import WikiHTTP
import WikiStore

@Suite struct MetricsTests {
    @Test("Requests are counted by route pattern and status, with a latency histogram per route")
    func requestsByRouteAndStatus() throws {
        let site = try MetricsSite()
        #expect(try site.request("GET", "/wiki/Home").status == 200)
        #expect(try site.request("GET", "/wiki/Home").status == 200)
        #expect(try site.request("GET", "/wiki/Nowhere").status == 404)
        #expect(try site.request("GET", "/no/such/route").status == 404)
        let samples = try site.samples()
        #expect(samples.contains(#"opswiki_http_requests_total{route="/wiki/{page...}",status="200"} 2"#))
        #expect(samples.contains(#"opswiki_http_requests_total{route="/wiki/{page...}",status="404"} 1"#))
        #expect(samples.contains(#"opswiki_http_requests_total{route="(none)",status="404"} 1"#))
        #expect(samples.contains(#"opswiki_http_request_duration_seconds_count{route="/wiki/{page...}"} 3"#))
        #expect(samples.contains(#"opswiki_http_request_duration_seconds_bucket{route="/wiki/{page...}",le="+Inf"} 3"#))
        #expect(samples.contains(#"opswiki_http_request_duration_seconds_bucket{route="/wiki/{page...}",le="30"} 3"#))
        // The scrape itself is counted only after it is answered.
        #expect(!samples.contains { $0.hasPrefix(#"opswiki_http_requests_total{route="/metrics""#) })
        #expect(try site.samples().contains(#"opswiki_http_requests_total{route="/metrics",status="200"} 1"#))
    }

    @Test("A conditional GET answered 304 by the server is counted as 304")
    func notModifiedIsCountedAs304() throws {
        let site = try MetricsSite()
        let first = try site.request("GET", "/wiki/Home")
        let etag = try #require(first.header("ETag"))
        #expect(try site.request("GET", "/wiki/Home", headers: ["If-None-Match": etag]).status == 304)
        let samples = try site.samples()
        #expect(samples.contains(#"opswiki_http_requests_total{route="/wiki/{page...}",status="200"} 1"#))
        #expect(samples.contains(#"opswiki_http_requests_total{route="/wiki/{page...}",status="304"} 1"#))
    }

    @Test("Web commits, render cache hits and misses, build info and open connections are reported")
    func commitsCachesAndGauges() throws {
        let site = try MetricsSite()
        #expect(try site.request("GET", "/wiki/Home").status == 200)
        #expect(try site.request("GET", "/wiki/Home").status == 200)
        let base = try #require(try site.wiki.head()).id.description
        let form = "content=changed%0A&message=Edit&base=\(base)&csrf=\(TestIdentityResponder.csrf)"
        let saved = try site.request("POST", "/edit/Home", headers: ["X-Test-User": "editor", "Content-Type": "application/x-www-form-urlencoded"],
                                     body: Array(form.utf8))
        #expect(saved.status == 303)
        let samples = try site.samples()
        // One seed commit (saved through the same Wiki) and the edit.
        #expect(samples.contains(#"opswiki_commits_total{source="web"} 2"#))
        #expect(samples.contains(#"opswiki_commits_total{source="push"} 0"#))
        #expect(samples.contains(#"opswiki_commits_total{source="merge"} 0"#))
        #expect(samples.contains(#"opswiki_cache_misses_total{cache="render"} 1"#))
        #expect(samples.contains(#"opswiki_cache_hits_total{cache="render"} 1"#))
        #expect(samples.contains { $0.hasPrefix(#"opswiki_cache_hits_total{cache="file"} "#) })
        #expect(samples.contains { $0.hasPrefix(#"opswiki_cache_misses_total{cache="search"} "#) })
        #expect(samples.contains(#"opswiki_build_info{version="9.9.9-test"} 1"#))
        #expect(Self.gauge(samples, #"opswiki_cache_bytes{cache="file"}"#).map { $0 > 0 } == true)
        #expect(samples.contains { $0.hasPrefix(#"opswiki_cache_bytes{cache="git"} "#) })
        // The scrape's own connection is the only one open.
        #expect(samples.contains("opswiki_open_connections 1"))
        #expect(samples.contains { $0.hasPrefix("process_resident_memory_bytes ") })
        // The heap in use is at least what this test process's server holds: a few megabytes.
        #expect(Self.gauge(samples, #"opswiki_heap_bytes{state="used"}"#).map { $0 > 1 << 20 } == true)
        #expect(Self.gauge(samples, #"opswiki_heap_bytes{state="free"}"#) != nil)
    }

    @Test("Searches count a miss when the index had to catch up with main and a hit when it had not")
    func searchCache() throws {
        let site = try MetricsSite()
        #expect(try site.request("GET", "/search?q=welcome").status == 200)
        #expect(try site.request("GET", "/search?q=welcome").status == 200)
        let samples = try site.samples()
        #expect(samples.contains(#"opswiki_cache_misses_total{cache="search"} 1"#))
        #expect(samples.contains(#"opswiki_cache_hits_total{cache="search"} 1"#))
        // The hit's page text, kept for its snippet, is counted; nothing was blamed.
        #expect(Self.gauge(samples, #"opswiki_cache_bytes{cache="snippet"}"#).map { $0 > 0 } == true)
        #expect(Self.gauge(samples, #"opswiki_cache_bytes{cache="blame"}"#) == 0)
    }

    /// The value of the sample named `series` (name and labels), if present.
    static func gauge(_ samples: [String], _ series: String) -> Int? {
        samples.first { $0.hasPrefix(series + " ") }.flatMap { $0.split(separator: " ").last }.flatMap { Int($0) }
    }

    @Test("A body over the limit is refused before routing and counted as rejected 413")
    func rejectedRequests() throws {
        let site = try MetricsSite { $0.limits.body = 1024 }
        let client = try TestClient(port: site.port)
        try client.send("POST /edit/Home HTTP/1.1\r\nHost: test\r\nContent-Length: 209715200\r\n\r\n")
        #expect(try client.readResponse().status == 413)
        #expect(try site.samples().contains(#"opswiki_http_rejected_total{status="413"} 1"#))
    }

    @Test("Open on loopback; a proxied request, `off`, or a remote peer gets 404")
    func access() throws {
        let local = try MetricsSite()
        #expect(try local.request("GET", "/metrics").header("Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        #expect(try local.request("GET", "/metrics", headers: ["X-Forwarded-For": "203.0.113.9"]).status == 404)
        #expect(try local.request("GET", "/metrics", headers: ["Forwarded": "for=203.0.113.9"]).status == 404)
        let off = try MetricsSite(metricsAccess: .off)
        #expect(try off.request("GET", "/metrics").status == 404)
        let open = try MetricsSite(metricsAccess: .open)
        #expect(try open.request("GET", "/metrics", headers: ["X-Forwarded-For": "203.0.113.9"]).status == 200)
    }

    @Test(arguments: [("127.0.0.1:5000", true), ("127.8.9.10:1", true), ("[::1]:80", true), ("[::ffff:127.0.0.1]:9", true),
                      ("10.0.0.1:5000", false), ("[::ffff:10.0.0.1]:9", false), ("[2001:db8::1]:80", false),
                      ("127.0.0.1.evil:80", false), ("", false)])
    func loopbackAddresses(_ peer: String, _ loopback: Bool) {
        #expect(MetricsAccess.isLoopback(peer) == loopback)
    }

    @Test("Label values escape backslash, quote and line feed; numbers print without noise")
    func textFormat() {
        var text = PrometheusText()
        text.sample("m", ["route": "a\\b\"c\nd"], "1")
        #expect(text.text == "m{route=\"a\\\\b\\\"c\\nd\"} 1\n")
        #expect(PrometheusText.number(3) == "3")
        #expect(PrometheusText.number(0.0025) == "0.0025")
        #expect(PrometheusText.number(.infinity) == "+Inf")
    }

    @Test("A histogram puts each duration in the first bucket whose bound holds it; counts are cumulative")
    func histogramBuckets() {
        let histogram = LatencyHistogram()
        histogram.observe(.microseconds(500))      // exactly 0.0005 s: le="0.0005"
        histogram.observe(.milliseconds(3))         // le="0.005"
        histogram.observe(.seconds(100))            // +Inf only
        let (cumulative, sum) = histogram.snapshot()
        #expect(cumulative.count == LatencyHistogram.bounds.count + 1)
        #expect(cumulative[0] == 1)
        #expect(cumulative[2] == 1)
        #expect(cumulative[3] == 2)
        #expect(cumulative[LatencyHistogram.bounds.count - 1] == 2)
        #expect(cumulative.last == 3)
        #expect(abs(sum - 100.0035) < 1e-9)
    }

    @Test("Status codes outside the table are still counted")
    func unusualStatus() {
        let counters = StatusCounters()
        counters.record(200)
        counters.record(299)
        counters.record(200)
        #expect(counters.snapshot().map { "\($0.code)=\($0.count)" } == ["200=2", "299=1"])
    }
}
