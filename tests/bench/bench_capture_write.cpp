// bench_capture's recording steps: events (against zstd on the same bytes), samples,
// and the mixed captures the reading steps use.
#include "bench_capture_util.h"

#include <zstd.h>

#include <algorithm>
#include <cstdio>
#include <unistd.h>

namespace vigil::bench {

int cmdRecord(const Args &a)
{
    if (a.positional.size() != 2) return 2;
    const auto text = loadFile(a.positional[0]);
    std::vector<LineBatch> batches = cutBatches(text, 256u << 10);
    std::uint64_t lines = 0;
    for (const LineBatch &b : batches)
        lines += b.lineCount;
    const double fileMb = double(text->size()) / 1e6;
    const double mb = fileMb * a.passes;
    std::printf(
        "record: %llu events, %.1f MB (%.0f B/event) in %zu batches of ~256 KiB, fed %d time(s) per run, "
        "zstd level %d%s\n",
        (unsigned long long)lines, fileMb, double(text->size()) / double(lines), batches.size(), a.passes,
        a.level, a.syncMb > 0 ? ", fdatasync only every --sync-mb (diagnostic)" : "");

    // Writer CPU: the process's CPU time over the run minus the producer's (this thread):
    // the writer thread (records, zstd) and the file thread (write, fdatasync).
    std::vector<double> writerCpuMbps;
    std::vector<double> onCpu; // writer CPU time / wall time, waiting runs
    const auto once = [&](int run, bool wait, std::vector<double> &rates, std::vector<double> &mbps,
                          std::uint64_t &dropped, double syncMb) {
        const std::string path = a.positional[1] + "/record-" + std::to_string(run) + ".vcap";
        auto w = openWriter(path, a.level, syncMb, a.queueMb);
        const capture::WhenFull whenFull = wait ? capture::WhenFull::Wait : capture::WhenFull::Drop;
        std::size_t peakQueued = 0;
        const double cpu0 = processCpuSeconds(), producer0 = threadCpuSeconds();
        const Clock::time_point t0 = Clock::now();
        for (int pass = 0; pass < a.passes; ++pass)
            for (LineBatch &b : batches) {
                b.arrivalNs = wallNs();
                w->addEventLines(b, whenFull);
                if ((&b - batches.data()) % 64 == 0) peakQueued = std::max(peakQueued, w->queuedBytes());
            }
        const Clock::time_point added = Clock::now();
        const double producerCpu = threadCpuSeconds() - producer0;
        if (auto c = w->close(); !c)
            std::fprintf(stderr, "bench_capture: close: %s\n", c.error().message.c_str());
        const double s = secondsSince(t0);
        const double writerCpu = processCpuSeconds() - cpu0 - producerCpu;
        const capture::WriterStatus st = w->status();
        const double recordedMb = mb * double(st.events) / double(lines * std::uint64_t(a.passes));
        if (wait) {
            writerCpuMbps.push_back(recordedMb / writerCpu);
            onCpu.push_back(writerCpu / s);
        }
        std::printf(
            "  %s%s run %d: %.3f s (adds %.3f s), %.2f M events/s, input %.0f MB/s; CPU: writer+file %.3f s "
            "(%.0f MB/s of CPU), producer %.3f s; recorded %llu, dropped %llu; raw payload %.1f MB -> %.1f "
            "MB stored (%.2fx), %llu frames, queue peak %.0f MiB (sampled)\n",
            wait ? "waiting" : "dropping", syncMb > 0 ? " sync-deferred" : "", run, s,
            std::chrono::duration<double>(added - t0).count(), double(st.events) / s / 1e6, mb / s, writerCpu,
            recordedMb / writerCpu, producerCpu, (unsigned long long)st.events,
            (unsigned long long)st.droppedRecords, double(st.rawBytes) / 1e6, double(st.storedBytes) / 1e6,
            double(st.rawBytes) / double(std::max<std::uint64_t>(1, st.storedBytes)),
            (unsigned long long)st.framesWritten, double(peakQueued) / (1 << 20));
        rates.push_back(double(st.events) / s);
        mbps.push_back(mb / s);
        dropped = std::max(dropped, st.droppedRecords);
        w.reset();
        ::unlink(path.c_str());
    };

    // zstd alone, in this process, over the same bytes in the writer's 1 MiB chunks (the
    // frames' size), right after each waiting writer run: the peer measured under the same
    // conditions as the run next to it.
    std::vector<double> zs, zsCpu, pairRatio, pairCpuRatio;
    ZSTD_CCtx *cctx = ZSTD_createCCtx();
    std::string zout(ZSTD_compressBound(1 << 20), '\0');
    std::size_t zstored = 0;
    const auto zstdPass = [&] {
        zstored = 0;
        const double c0 = threadCpuSeconds();
        const Clock::time_point t0 = Clock::now();
        for (int pass = 0; pass < a.passes; ++pass)
            for (std::size_t off = 0; off < text->size(); off += 1 << 20) {
                const std::size_t n = std::min<std::size_t>(1 << 20, text->size() - off);
                zstored += ZSTD_compressCCtx(cctx, zout.data(), zout.size(), text->data() + off, n, a.level);
            }
        zs.push_back(mb / secondsSince(t0));
        zsCpu.push_back(mb / (threadCpuSeconds() - c0));
        std::printf("  zstd -%d in process, 1 MiB chunks: %.0f MB/s, %.0f MB/s of CPU (ratio %.2fx)\n",
                    a.level, zs.back(), zsCpu.back(), mb * 1e6 / double(zstored));
    };

    std::vector<double> rates, mbps;
    std::uint64_t dropped = 0;
    std::vector<double> dRates, dMbps; // --compare-sync: the same run with fdatasync deferred to close()
    std::uint64_t dDropped = 0;
    for (int r = 0; r < a.runs; ++r) {
        once(r, true, rates, mbps, dropped, a.syncMb);
        if (a.compareSync) once(r, true, dRates, dMbps, dDropped, 1e6);
        zstdPass();
        pairRatio.push_back(mbps.back() / zs.back());
        pairCpuRatio.push_back(writerCpuMbps.back() / zsCpu.back());
    }
    ZSTD_freeCCtx(cctx);
    std::vector<double> uRates, uMbps;
    std::uint64_t uDropped = 0;
    for (int r = 0; r < a.droppingRuns; ++r)
        once(r, false, uRates, uMbps, uDropped, a.syncMb);
    if (a.compareSync) {
        std::printf(
            "record: fdatasync deferred to close(): median input %.0f MB/s vs %.0f MB/s with the writer's "
            "default syncing (paired runs)\n",
            median(dMbps), median(mbps));
        result("record_sync_deferred_mb_s", median(dMbps));
    }
    std::printf("record: writer vs zstd in process, paired runs: median ratio %.2fx wall, %.2fx CPU\n",
                median(pairRatio), median(pairCpuRatio));
    std::printf(
        "record: median %.2f M events/s, input %.0f MB/s, max dropped %llu (WhenFull::Wait); WhenFull::Drop: "
        "median %.2f M events/s recorded, max dropped %llu\n",
        median(rates) / 1e6, median(mbps), (unsigned long long)dropped, median(uRates) / 1e6,
        (unsigned long long)uDropped);
    result("record_events_per_s", median(rates));
    result("record_events_per_s_min", *std::min_element(rates.begin(), rates.end()));
    result("record_events_per_s_max", *std::max_element(rates.begin(), rates.end()));
    result("record_input_mb_s", median(mbps));
    result("record_dropped", double(dropped));
    result("record_dropping_events_per_s", median(uRates));
    result("record_dropping_dropped", double(uDropped));
    result("record_dropping_offered", double(lines) * a.passes);
    result("record_writer_cpu_mb_s", median(writerCpuMbps));
    result("record_writer_on_cpu", median(onCpu));
    result("zstd_inprocess_mb_s", median(zs));
    result("zstd_inprocess_cpu_mb_s", median(zsCpu));
    result("pair_ratio_wall", median(pairRatio));
    result("pair_ratio_cpu", median(pairCpuRatio));
    return 0;
}

int cmdSamples(const Args &a)
{
    if (a.positional.size() != 1) return 2;
    const ScrapePool pool = makeScrapePool(a.perTarget);
    const std::uint64_t rounds = std::uint64_t(a.scrapes) / 3;
    std::printf("samples: 3 etcd-like targets, %.0f series each, %.1f KB exposition each; %llu scrapes (%llu "
                "samples) per run; pool of %d different scrapes per target\n",
                double(pool.samplesPerRound) / 3, double(pool.bodyBytesPerRound) / 3 / 1e3,
                (unsigned long long)(rounds * 3), (unsigned long long)(rounds * pool.samplesPerRound),
                a.perTarget);
    std::vector<double> sps, rawMbps, bodyMbps;
    std::uint64_t dropped = 0;
    double ratio = 0;
    for (int run = 0; run < a.runs; ++run) {
        const std::string path = a.positional[0] + "/samples-" + std::to_string(run) + ".vcap";
        auto w = openWriter(path, a.level, 0, a.queueMb);
        const std::int64_t t0ms = 1'763'700'000'000;
        std::uint64_t bodyBytes = 0;
        const Clock::time_point t0 = Clock::now();
        for (std::uint64_t round = 0; round < rounds; ++round)
            for (int m = 0; m < 3; ++m) {
                SampleBatch b = pool.batches[(round % std::uint64_t(a.perTarget)) * 3 + std::uint64_t(m)];
                b.timestampMs = t0ms + std::int64_t(round) * 1000 + m;
                b.scrape->timestampMs = b.timestampMs;
                w->addSamples(b, capture::WhenFull::Wait);
                bodyBytes += b.body->size();
            }
        if (auto c = w->close(); !c)
            std::fprintf(stderr, "bench_capture: close: %s\n", c.error().message.c_str());
        const double s = secondsSince(t0);
        const capture::WriterStatus st = w->status();
        ratio = double(st.rawBytes) / double(std::max<std::uint64_t>(1, st.storedBytes));
        std::printf(
            "  run %d: %.3f s, %.2f M samples/s, raw payload %.1f MB = %.0f MB/s (%.1f B/sample), exposition "
            "text %.0f MB/s; stored %.1f MB (%.2fx), %llu series, %llu scrapes, dropped %llu\n",
            run, s, double(st.samples) / s / 1e6, double(st.rawBytes) / 1e6, double(st.rawBytes) / s / 1e6,
            double(st.rawBytes) / double(std::max<std::uint64_t>(1, st.samples)), double(bodyBytes) / s / 1e6,
            double(st.storedBytes) / 1e6, ratio, (unsigned long long)st.series,
            (unsigned long long)st.scrapes, (unsigned long long)st.droppedRecords);
        sps.push_back(double(st.samples) / s);
        rawMbps.push_back(double(st.rawBytes) / s / 1e6);
        bodyMbps.push_back(double(bodyBytes) / s / 1e6);
        dropped = std::max(dropped, st.droppedRecords);
        w.reset();
        ::unlink(path.c_str());
    }
    std::printf(
        "samples: median %.2f M samples/s, raw payload %.0f MB/s, exposition %.0f MB/s, dropped %llu\n",
        median(sps) / 1e6, median(rawMbps), median(bodyMbps), (unsigned long long)dropped);
    result("samples_per_s", median(sps));
    result("samples_raw_mb_s", median(rawMbps));
    result("samples_text_mb_s", median(bodyMbps));
    result("samples_ratio", ratio);
    result("samples_dropped", double(dropped));
    result("samples_series_per_target", double(pool.samplesPerRound) / 3);
    return 0;
}

int cmdWriteMix(const Args &a)
{
    if (a.positional.size() != 2) return 2;
    const auto text = loadFile(a.positional[0]);
    std::vector<LineBatch> batches = cutBatches(text, 256u << 10);
    const ScrapePool pool = makeScrapePool(a.perTarget);
    const std::uint64_t target = std::uint64_t(a.mb * 1e6);

    auto w = openWriter(a.positional[1], a.level, 0, a.queueMb);
    const std::int64_t t0ns = 1'763'700'000'000'000'000; // simulated time starts 2025-11-21
    std::int64_t simNs = t0ns, nextScrapeNs = t0ns;
    std::uint64_t round = 0, inputBytes = 0;
    const Clock::time_point t0 = Clock::now();
    for (std::size_t k = 0;; ++k) {
        while (nextScrapeNs <= simNs) {
            for (int m = 0; m < 3; ++m) {
                SampleBatch b = pool.batches[(round % std::uint64_t(a.perTarget)) * 3 + std::uint64_t(m)];
                b.timestampMs = nextScrapeNs / 1'000'000 + m;
                b.scrape->timestampMs = b.timestampMs;
                w->addSamples(b, capture::WhenFull::Wait);
                inputBytes += b.body->size();
            }
            ++round;
            nextScrapeNs += 1'000'000'000;
        }
        LineBatch &b = batches[k % batches.size()];
        b.arrivalNs = simNs;
        w->addEventLines(b, capture::WhenFull::Wait);
        inputBytes += b.viewSize;
        simNs += std::int64_t(double(b.lineCount) / a.rate * 1e9);
        if (w->status().totalBytes >= target) break;
    }
    if (auto c = w->close(); !c)
        std::fprintf(stderr, "bench_capture: close: %s\n", c.error().message.c_str());
    const double s = secondsSince(t0);
    const capture::WriterStatus st = w->status();
    std::printf(
        "write-mix: %s: %.1f MB in %.1f s (%.0f MB/s stored, input %.0f MB/s); %llu events + %llu samples "
        "(%llu scrapes of %llu series), %.0f simulated seconds at %.0f events/s; %llu frames, ratio %.2fx, "
        "dropped %llu\n",
        st.path.c_str(), double(st.totalBytes) / 1e6, s, double(st.totalBytes) / 1e6 / s,
        double(inputBytes) / 1e6 / s, (unsigned long long)st.events, (unsigned long long)st.samples,
        (unsigned long long)st.scrapes, (unsigned long long)st.series, double(simNs - t0ns) / 1e9, a.rate,
        (unsigned long long)st.framesWritten,
        double(st.rawBytes) / double(std::max<std::uint64_t>(1, st.storedBytes)),
        (unsigned long long)st.droppedRecords);
    result("mix_bytes", double(st.totalBytes));
    result("mix_seconds", s);
    result("mix_frames", double(st.framesWritten));
    result("mix_dropped", double(st.droppedRecords));
    result("mix_sim_seconds", double(simNs - t0ns) / 1e9);
    return 0;
}

} // namespace vigil::bench
