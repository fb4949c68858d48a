// Corpus for tst_expo_vs_prometheus: exposition bodies that the real Prometheus
// server scrapes and vigil::expo::parse() checks; both must agree on valid/invalid.
// Cases copied from tests/core/tst_expo_parser.cpp ("ok_" prefix, valid there) and
// tests/core/tst_expo_errors.cpp ("err_" prefix, invalid there), plus extra edge
// cases ("x_" prefix). "p_" is text format 0.0.4, "om_" OpenMetrics 1.0.
//
// Known differences (docs/drafts/expo.md, "Known differences from the Prometheus 2.x
// scrape parser") carry the side that accepts and the reason; everything else must
// agree. Only CRLF line ends remain (the product brief demands them). A known
// difference that starts agreeing fails the test too, so the list cannot rot. Run
// with VIGIL_ORACLE_VERBOSE=1 to print every case with both verdicts. Cases that
// changed verdict in Vigil keep their original name ("err_" ones that are now valid).
//
// What Prometheus 2.42.0 (Debian) was seen to do, beyond its parser's syntax (Vigil
// now does the same):
// - a missing final newline is accepted in 0.0.4; OpenMetrics "# EOF" without a
//   newline is accepted too;
// - blanks before a 0.0.4 sample become part of the metric name, which then fails
//   "invalid metric name or label names" (blanks before a comment are fine);
// - 0.0.4 timestamps must be unsigned digits ("-7", "+7" rejected);
// - 0.0.4 label values may hold raw newlines, and a value may follow the metric name
//   without a blank ("x-1");
// - after parsing, the TSDB rejects a series with a repeated label name ("label name
//   "a" is not unique"), __name__ included, but empty-valued labels are dropped first
//   (with every label of their name), so x{a="",a="1"} passes; repeated series are
//   counted, not scrape errors;
// - OpenMetrics exemplars only on sample names ending in _total or _bucket, whatever
//   the TYPE ("metric name g does not support exemplars"); exemplar labels are not
//   checked for duplicates or the 128-character limit;
// - neither parser checks repeated or late HELP/TYPE/UNIT nor interleaved families,
//   nor whether OpenMetrics sample names fit the TYPE (le, stateset label, suffixes);
//   an OpenMetrics UNIT that is not a suffix of the name is rejected.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace vigil::test::oracle {

enum class Fmt { Prom, OpenMetrics };

enum class Known {
    None,           // Vigil and Prometheus must agree
    OnlyVigilAccepts,
    OnlyPromAccepts,
};

struct OracleCase
{
    std::string name; // also the Prometheus job name
    Fmt format = Fmt::Prom;
    std::string body;
    Known known = Known::None;
    std::string why;  // for known differences: the documented reason
};

inline std::vector<OracleCase> oracleCases()
{
    using namespace std::string_literals;
    std::vector<OracleCase> c;
    const Fmt P = Fmt::Prom;
    const Fmt O = Fmt::OpenMetrics;
    auto add = [&](std::string name, Fmt f, std::string body) { c.push_back({std::move(name), f, std::move(body), Known::None, {}}); };
    auto diff = [&](std::string name, Fmt f, std::string body, Known k, std::string why) {
        c.push_back({std::move(name), f, std::move(body), k, std::move(why)});
    };
    // Reasons, worded as in docs/drafts/expo.md.
    const std::string crlf = "CRLF line ends accepted by Vigil (the brief asks for it); Prometheus reads \\r as part of the value";

    // ---- tst_expo_parser.cpp: valid 0.0.4 --------------------------------------
    add("p_ok_counter_with_metadata", P,
        "# HELP http_requests_total The total.\n"
        "# TYPE http_requests_total counter\n"
        "http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000\n"
        "http_requests_total{method=\"post\",code=\"400\"}    3 1395066363000\n");
    add("p_ok_escapes", P,
        "# HELP m Help with \\\\ and \\n and \\\" kept.\n"
        "m{path=\"C:\\\\DIR\\\\FILE.TXT\",error=\"Cannot find:\\n\\\"F\\\"\",odd=\"a\\tb\"} 1\n");
    add("p_ok_help_whitespace", P,
        "# HELP a\n# HELP b  two spaces\n#HELP c not metadata\n# other comment\n\t# TYPE d gauge\nd 1\n");
    add("p_ok_histogram_and_summary", P,
        "# TYPE h histogram\n"
        "h_bucket{le=\"0.05\"} 24054\nh_bucket{le=\"+Inf\"} 144320\nh_sum 53423\nh_count 144320\n"
        "# TYPE s summary\n"
        "s{quantile=\"0.5\"} 4773\ns_sum 1.7560473e+07\ns_count 2693\n"
        "u_bucket 1\nu_count 2\n");
    add("p_ok_nan_values", P, "a NaN\nb nan\nc{} NAN\n");
    diff("p_ok_layout", P,
         "\r\n  \t \na{} 1\r\nb{x=\"1\",} 2\nc { x = \"1\" , y=\"2\" }\t3\t 4 \nd{x=\"1\" y=\"2\"} 5\ne 6 7",
         Known::OnlyVigilAccepts, crlf);
    // The same layout without CRLF.
    add("p_ok_layout_plain", P, "\n  \t \na{} 1\nb{x=\"1\",} 2\nc { x = \"1\" , y=\"2\" }\t3\t 4 \nd{x=\"1\" y=\"2\"} 5\ne 6 7");
    add("p_ok_utf8_label_values", P,
        "m{a=\"h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80\",b=\"\\\\\xc3\xa9\"} 1\n");
    add("p_ok_value_at_end_escaped", P, "m{k=\"vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv\\n\"} 1\n");
    add("p_ok_value_at_end_no_newline", P, "m{k=\"vvvvvvvvvvvvvvvvv\"} 1");
    add("p_ok_empty", P, "");
    add("p_ok_reuse", P, "a{x=\"\\\\\"} 1\nb 2\n");
    add("p_ok_limits_text", P, "a{x=\"abc\",y=\"\\\\\\\\\\\\\"} 1\nb 2\n");
    add("p_ok_sniff_plain", P, "a 1\n");
    add("p_ok_json_output", P,
        "# HELP m A \"help\".\n# TYPE m gauge\n"
        "m{a=\"x\\ny\",b=\"tab\there\",c=\"\x01\"} 0.1 5\nm NaN\nm +Inf\nm -Inf\nm -0\nm 1e21\n");
    {
        std::string text = "# TYPE h histogram\n";
        for (int i = 0; i < 10; ++i)
            text += "h_bucket{le=\"" + std::to_string(i) + "\",i=\"\\\\" + std::to_string(i) + "\"} " + std::to_string(i) + "\n";
        add("p_ok_streaming_text", P, text + "h_sum 1\nh_count 10\nz 1\n");
    }
    // promNumbers: every spelling in both formats.
    const char *numbers[][2] = {
        {"int", "42"}, {"big_int", "12345678901234567890"}, {"plus", "+3"}, {"neg_zero", "-0"},
        {"frac", "0.1"}, {"lead_dot", ".5"}, {"trail_dot", "5."}, {"exp", "1.458255915e9"},
        {"exp_neg", "-1.5E-3"}, {"max", "1.7976931348623157e308"}, {"denormal", "5e-324"},
        {"underflow", "1e-400"}, {"plus_inf", "+Inf"}, {"minus_inf", "-Inf"}, {"inf", "inf"},
        {"minus_infinity", "-Infinity"}, {"INF", "INF"},
        // Extra spellings (x_).
        {"x_infinity_lower", "infinity"}, {"x_plus_dot_exp", "+.5e-3"}, {"x_exp_plus", "1E+2"},
        {"x_leading_zeros", "007"}, {"x_nan_mixed", "nAn"}, {"x_inf_mixed", "+iNF"},
    };
    for (const auto &n : numbers) {
        add("p_num_"s + n[0], P, "m "s + n[1] + "\n");
        add("om_num_"s + n[0], O, "m "s + n[1] + "\n# EOF\n");
    }
    const char *badNumbers[][2] = {
        {"infin", "Infin"}, {"plus_nan", "+NaN"}, {"minus_nan", "-nan"}, {"e_only", "1e"}, {"e_sign", "1e+"},
        {"dot", "."}, {"hex_int", "0x10"}, {"hex_float_upper", "0X1P-2"}, {"double_dot", "1.2.3"},
        {"comma", "1,5"}, {"nanx", "NaNx"}, {"empty_exp_dot", "e5"}, {"overflow_neg", "-1e309"},
    };
    for (const auto &n : badNumbers) {
        add("p_xbad_"s + n[0], P, "m "s + n[1] + "\n");
        add("om_xbad_"s + n[0], O, "m "s + n[1] + "\n# EOF\n");
    }

    // ---- tst_expo_parser.cpp: valid OpenMetrics --------------------------------
    add("om_ok_full", O,
        "# TYPE acme_seconds summary\n"
        "# UNIT acme_seconds seconds\n"
        "# HELP acme_seconds Latency of \\\"ACME\\\" \\\\ routers\\n.\n"
        "acme_seconds_sum{path=\"/a\"} 9036.32\n"
        "acme_seconds_count{path=\"/a\"} 807283.0\n"
        "acme_seconds_created{path=\"/a\"} 1605281325.0\n"
        "# TYPE cpu counter\n"
        "cpu_total 4.2e+06 1520430000.123 # {trace_id=\"KOO5S4vxi0o\"} 0.67 1520879607.789\n"
        "cpu_total{a=\"b\"} 1 # {} 2\n"
        "cpu_created 1520430000\n"
        "# EOF\n");
    add("om_ok_types", O,
        "# TYPE g gauge\ng 1\n"
        "# TYPE q gaugehistogram\nq_bucket{le=\"1\"} 3\nq_bucket{le=\"+Inf\"} 5\nq_gcount 5\nq_gsum -Inf\n"
        "# TYPE i info\ni_info{version=\"1.2\"} 1\n"
        "# TYPE st stateset\nst{st=\"a\"} 1\nst{st=\"b\"} 0\n"
        "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 2\nh_sum 0.5\nh_created 10\n"
        "# TYPE u unknown\nu 3\n"
        "free 4 0\n"
        "# HELP empty_family Only help.\n"
        "# EOF");
    diff("om_ok_timestamps", O, "a 1 1.5\na 2 -0.0015\na 3 1e3\n# EOF\r\n", Known::OnlyVigilAccepts, crlf);
    add("om_ok_timestamps_lf", O, "a 1 1.5\na 2 -0.0015\na 3 1e3\n# EOF\n");
    add("om_ok_sniff", O, "a_total 1\n# EOF\n");
    add("om_ok_eof_only", O, "# EOF\n");
    add("om_ok_limits_text", O, "a{x=\"abc\",y=\"\\\\\\\\\\\\\"} 1\nb 2\n# EOF\n");

    // ---- tst_expo_errors.cpp: invalid 0.0.4 -------------------------------------
    add("p_err_bad_metric_name", P, "1abc 1\n");
    add("p_err_metric_name_char", P, "ab-c 1\n");
    add("p_err_bad_label_name", P, "x{1a=\"b\"} 1\n");
    add("p_err_lone_comma", P, "x{,} 1\n");
    add("p_err_label_name_char", P, "x{a-b=\"1\"} 1\n");
    add("p_err_duplicate_label", P, "x{a=\"b\",a=\"c\"} 1\n");
    add("p_err_bad_utf8", P, "x{a=\"\xff\"} 1\n");
    add("p_err_overlong_utf8", P, "x{a=\"ok\xc0\xaf\"} 1\n");
    add("p_err_surrogate", P, "x{a=\"\xed\xa0\x80\"} 1\n");
    add("p_err_truncated_utf8", P, "x{a=\"\xe2\x82\"} 1\n");
    add("p_err_unterminated_value", P, "x{a=\"b} 1\n");
    add("p_err_unterminated_set", P, "x{a=\"b\"\n");
    add("p_err_missing_equal", P, "x{a} 1\n");
    add("p_err_unquoted_value", P, "x{a=b} 1\n");
    add("p_err_no_value", P, "x\n");
    add("p_err_no_value_after_labels", P, "x{} \n");
    add("p_err_bad_value", P, "x abc\n");
    add("p_err_overflow", P, "x 1e400\n");
    add("p_err_hex_float", P, "x 0x1p3\n");
    add("p_err_underscore", P, "x 1_000\n");
    add("p_err_signed_nan", P, "x -NaN\n");
    add("p_err_bad_timestamp", P, "x 1 12a\n");
    add("p_err_float_timestamp", P, "x 1 1.5\n");
    add("p_err_timestamp_range", P, "x 1 99999999999999999999\n");
    add("p_err_extra_token", P, "x 1 2 3\n");
    add("p_err_bad_type", P, "# TYPE x foo\n");
    add("p_err_om_type_in_004", P, "# TYPE x unknown\n");
    add("p_err_second_type", P, "# TYPE x counter\n# TYPE x gauge\n");
    add("p_err_second_type_later", P, "# TYPE x counter\nx 1\ny 1\n# TYPE x gauge\n");
    add("p_err_second_help", P, "# HELP x a\n# HELP x b\n");
    add("p_err_type_after_samples", P, "x 1\n# TYPE x counter\n");
    add("p_err_type_after_samples_later", P, "x 1\ny 2\n# TYPE x counter\n");
    add("p_err_help_without_name", P, "# HELP  \n");
    add("p_err_type_bad_name", P, "# TYPE 1x counter\n");
    add("p_err_help_bad_utf8", P, "# HELP x \xc3\n");
    add("p_err_crlf_error", P, "x 1\r\ny{a=b} 1\r\n");
    add("p_err_error_on_third_line", P, "ok 1\nx{a=\"1\"} 1\nbad line\n");
    add("p_err_stream_stops", P, "a 1\nb 2\nc 3\nd{ 4\n");

    // ---- tst_expo_errors.cpp: invalid OpenMetrics -------------------------------
    add("om_err_no_eof", O, "x 1\n");
    add("om_err_no_eof_no_newline", O, "x 1");
    add("om_err_data_after_eof", O, "# EOF\nx 1\n");
    add("om_err_blank_after_eof", O, "# EOF\n\n");
    add("om_err_text_after_eof", O, "# EOF \n");
    add("om_err_blank_line", O, "x 1\n\n# EOF\n");
    add("om_err_plain_comment", O, "# comment\n# EOF\n");
    add("om_err_two_spaces", O, "x  1\n# EOF\n");
    add("om_err_tab_separator", O, "x\t1\n# EOF\n");
    add("om_err_trailing_comma", O, "x{a=\"1\",} 1\n# EOF\n");
    add("om_err_missing_comma", O, "x{a=\"1\" b=\"2\"} 1\n# EOF\n");
    add("om_err_space_in_labels", O, "x{a=\"1\", b=\"2\"} 1\n# EOF\n");
    add("om_err_duplicate_label", O, "x{a=\"1\",a=\"2\"} 1\n# EOF\n");
    add("om_err_counter_without_total", O, "# TYPE x counter\nx 1\n# EOF\n");
    add("om_err_histogram_bad_suffix", O, "# TYPE x histogram\nx_total 1\n# EOF\n");
    add("om_err_gauge_with_suffix", O, "# TYPE x gauge\nx_count 1\n# EOF\n");
    add("om_err_info_without_suffix", O, "# TYPE x info\nx 1\n# EOF\n");
    add("om_err_interleaved", O, "a 1\nb 1\na 2\n# EOF\n");
    add("om_err_interleaved_suffix", O, "# TYPE a counter\na_total 1\nb 1\na_total 2\n# EOF\n");
    add("om_err_interleaved_metadata", O, "a 1\nb 1\n# TYPE a gauge\n# EOF\n");
    add("om_err_metadata_after_samples", O, "# TYPE x counter\nx_total 1\n# HELP x h\n# EOF\n");
    add("om_err_second_type", O, "# TYPE x counter\n# TYPE x gauge\n# EOF\n");
    add("om_err_second_unit", O, "# UNIT x_s s\n# UNIT x_s s\n# EOF\n");
    add("om_x_unit_repeated_other", O, "# UNIT x_s s\n# UNIT x_s ms\n# EOF\n");
    add("om_x_type_after_samples_then_samples", O, "# TYPE x gauge\nx 1\n# TYPE x counter\nx_total 2\n# EOF\n");
    add("om_err_unit_not_suffix", O, "# TYPE x_seconds counter\n# UNIT x_seconds bytes\n# EOF\n");
    add("om_err_bad_type", O, "# TYPE x untyped\n# EOF\n");
    add("om_err_help_without_text", O, "# HELP x\n# EOF\n");
    add("om_err_exemplar_no_value", O, "x_total 1 # {a=\"1\"}\n# EOF\n");
    add("om_err_exemplar_syntax", O, "x_total 1 # a\n# EOF\n");
    add("om_err_exemplar_bad_ts", O, "x_total 1 # {} 1 NaN\n# EOF\n");
    add("om_err_nan_timestamp", O, "x 1 NaN\n# EOF\n");
    add("om_err_inf_timestamp", O, "x 1 +Inf\n# EOF\n");
    add("om_err_tab_after_value", O, "x 1\t2\n# EOF\n");
    add("om_err_bucket_without_le", O, "# TYPE h histogram\nh_bucket 1\n# EOF\n");
    add("om_err_stateset_without_label", O, "# TYPE s stateset\ns{a=\"x\"} 1\n# EOF\n");
    add("om_err_bad_utf8", O, "x{a=\"\xc3(\"} 1\n# EOF\n");

    // ---- Extra 0.0.4 edge cases ----------------------------------------------
    diff("p_x_crlf", P, "x 1\r\n", Known::OnlyVigilAccepts, crlf);
    // Prometheus 2.42 accepts a missing final newline too (expo.md says otherwise).
    add("p_x_no_final_newline", P, "x 1");
    add("p_x_no_final_newline_ts", P, "x 1 5");
    add("p_x_no_final_newline_help", P, "x 1\n# HELP x h");
    add("p_x_no_final_newline_type", P, "# TYPE x gauge");
    add("p_x_no_final_newline_comment", P, "x 1\n# c");
    add("p_x_no_final_newline_no_value", P, "x{a=\"1\"}");
    add("p_x_raw_newline_in_value", P, "x{a=\"b\nc\"} 1\n");
    add("p_x_raw_newlines_in_values", P, "x{a=\"b\n\nc\",d=\"\n\"} 1 2\ny 2\n");
    add("p_x_raw_newline_in_value_no_final_newline", P, "x{a=\"b\nc\"} 1");
    add("p_x_raw_newline_in_value_escaped", P, "x{a=\"b\\\nc\"} 1\n");
    add("p_x_raw_newline_then_error", P, "x{a=\"b\nc\",1=\"2\"} 1\n");
    add("p_x_raw_newline_unterminated", P, "x{a=\"b\nc} 1\ny 2\n");
    add("p_x_glued_value", P, "x-1\n");
    add("p_x_glued_value_plus_ts", P, "x+1 2\n");
    add("p_x_glued_invalid", P, "x-a\n");
    add("p_x_only_comments", P, "# just a comment\n# HELP x h\n# TYPE x gauge\n");
    add("p_x_blank_lines", P, "\n\nx 1\n\n\ny 2\n\n");
    add("p_x_hash_only", P, "#\nx 1\n");
    add("p_x_leading_blanks", P, "   x 1\n\t\ty 2\n");
    add("p_x_leading_blank_labels", P, " x{a=\"1\"} 1\n");
    add("p_x_leading_blank_after_sample", P, "x 1\n y 2\n");
    add("p_x_leading_blank_comment", P, "  # HELP x h\n\t# TYPE x gauge\nx 1\n");
    add("p_x_trailing_blank", P, "x 1 \n");
    add("p_x_trailing_blank_after_ts", P, "x 1 2 \n");
    add("p_x_empty_label_set", P, "x{} 1\n");
    add("p_x_empty_label_value", P, "x{a=\"\"} 1\n");
    add("p_x_trailing_comma", P, "x{a=\"1\",} 1\n");
    add("p_x_double_trailing_comma", P, "x{a=\"1\",,} 1\n");
    add("p_x_leading_comma", P, "x{,a=\"1\"} 1\n");
    add("p_x_no_comma", P, "x{a=\"1\"b=\"2\"} 1\n");
    add("p_x_spaces_around_eq", P, "x{a = \"1\"} 1\n");
    add("p_x_space_before_brace", P, "x {a=\"1\"} 1\n");
    add("p_x_no_space_after_brace", P, "x{a=\"1\"}1\n");
    add("p_x_tab_separators", P, "x\t1\t2\n");
    add("p_x_escape_quote_backslash", P, "x{a=\"\\\"\\\\\"} 1\n");
    add("p_x_unknown_escape", P, "x{a=\"\\q\\t\\u00e9\"} 1\n");
    add("p_x_escaped_final_quote", P, "x{a=\"\\\"} 1\n");
    add("p_x_raw_tab_in_value", P, "x{a=\"a\tb\"} 1\n");
    add("p_x_nul_in_value", P, "x{a=\"a\0b\"} 1\n"s);
    add("p_x_braces_in_value", P, "x{a=\"{}=,#\"} 1\n");
    add("p_x_colon_names", P, "a:b 1\n:c 2\n_ 3\n__x 4\n");
    add("p_x_colon_label_name", P, "x{a:b=\"1\"} 1\n");
    add("p_x_underscore_label_names", P, "x{_a=\"1\",__b=\"2\"} 1\n");
    add("p_x_name_label", P, "x{__name__=\"y\"} 1\n");
    add("p_x_name_label_empty", P, "x{__name__=\"\"} 1\n");
    add("p_x_job_label", P, "x{job=\"other\",instance=\"i\"} 1\n");
    add("p_x_dup_label_one_empty", P, "x{a=\"\",a=\"1\"} 1\n");
    add("p_x_dup_label_both_empty", P, "x{a=\"\",a=\"\"} 1\n");
    add("p_x_dup_label_three_one_empty", P, "x{a=\"1\",b=\"2\",a=\"\",a=\"3\"} 1\n");
    add("p_x_dup_label_other_empty", P, "x{a=\"1\",a=\"2\",b=\"\"} 1\n");
    add("p_x_duplicate_series", P, "x 1\nx 2\n");
    add("p_x_duplicate_series_labels", P, "x{a=\"1\",b=\"2\"} 1\nx{b=\"2\",a=\"1\"} 2\n");
    add("p_x_duplicate_series_empty_label", P, "x 1\nx{a=\"\"} 2\n");
    add("p_x_negative_timestamp", P, "x 1 -7\n");
    add("p_x_negative_zero_timestamp", P, "x 1 -0\n");
    add("p_x_plus_timestamp", P, "x 1 +7\n");
    add("p_x_max_timestamp", P, "x 1 9223372036854775807\n");
    add("p_x_timestamp_over_int64", P, "x 1 9223372036854775808\n");
    add("p_x_exp_timestamp", P, "x 1 1e3\n");
    add("p_x_utf8_bom", P, "\xef\xbb\xbfx 1\n");
    add("p_x_bad_utf8_comment", P, "# comment \xff\nx 1\n");
    add("p_x_bad_utf8_type_line", P, "# TYPE x gauge \xff\nx 1\n");
    add("p_x_bad_utf8_metric_name", P, "x\xc3\xa9 1\n");
    add("p_x_help_escapes", P, "# HELP x a\\tb \\q \\\\ \\n end\nx 1\n");
    add("p_x_help_no_text", P, "# HELP x\nx 1\n");
    add("p_x_help_only_keyword", P, "# HELP\nx 1\n");
    add("p_x_type_only_keyword", P, "# TYPE\nx 1\n");
    add("p_x_type_without_type", P, "# TYPE x\nx 1\n");
    add("p_x_type_extra_word", P, "# TYPE x counter extra\nx 1\n");
    add("p_x_type_uppercase", P, "# TYPE x COUNTER\nx 1\n");
    add("p_x_type_tab_separated", P, "#\tTYPE\tx\tgauge\nx 1\n");
    add("p_x_type_two_spaces", P, "# TYPE  x gauge\nx 1\n");
    add("p_x_type_untyped", P, "# TYPE x untyped\nx 1\n");
    add("p_x_type_counter_total", P, "# TYPE x_total counter\nx_total 1\n");
    add("p_x_histogram_bare_sample", P, "# TYPE h histogram\nh 1\nh_bucket{le=\"+Inf\"} 1\n");
    add("p_x_histogram_no_le", P, "# TYPE h histogram\nh_bucket 1\nh_count 1\n");
    add("p_x_histogram_other_suffix", P, "# TYPE h histogram\nh_total 1\nh_created 2\n");
    add("p_x_summary_bucket", P, "# TYPE s summary\ns_bucket{le=\"1\"} 1\ns_count 1\n");
    add("p_x_type_after_other_family", P, "# TYPE h histogram\nh_sum 1\ny 1\nh_count 1\n");
    add("p_x_interleaved", P, "a 1\nb 1\na{x=\"1\"} 2\n");
    add("p_x_eof_line", P, "x 1\n# EOF\n");
    add("p_x_unit_line", P, "# UNIT x_s s\nx_s 1\n");
    add("p_x_long_label_value", P, "x{a=\"" + std::string(4000, 'v') + "\"} 1\n");
    add("p_x_many_labels", P, [] {
        std::string s = "x{";
        for (int i = 0; i < 60; ++i)
            s += "l" + std::to_string(i) + "=\"" + std::to_string(i) + "\",";
        return s + "} 1\n";
    }());
    add("p_x_exemplar_syntax", P, "x_total 1 # {a=\"1\"} 2\n");
    add("p_x_brace_no_name", P, "{a=\"1\"} 1\n");
    add("p_x_value_space_ts_missing", P, "x 1  \n");

    // ---- Extra OpenMetrics edge cases -----------------------------------------
    add("om_x_empty", O, "");
    add("om_x_eof_no_newline", O, "x 1\n# EOF");
    diff("om_x_crlf", O, "x 1\r\n# EOF\r\n", Known::OnlyVigilAccepts, crlf);
    add("om_x_eof_twice", O, "x 1\n# EOF\n# EOF\n");
    add("om_x_eof_lowercase", O, "x 1\n# eof\n");
    add("om_x_blank_first", O, "\nx 1\n# EOF\n");
    add("om_x_leading_space", O, " x 1\n# EOF\n");
    add("om_x_trailing_space", O, "x 1 \n# EOF\n");
    add("om_x_empty_label_set", O, "x{} 1\n# EOF\n");
    add("om_x_empty_label_value", O, "x{a=\"\"} 1\n# EOF\n");
    add("om_x_escapes", O, "x{a=\"\\\"\\\\\\n\"} 1\n# EOF\n");
    add("om_x_unknown_escape", O, "x{a=\"\\t\"} 1\n# EOF\n");
    add("om_x_raw_newline_in_value", O, "x{a=\"b\nc\"} 1\n# EOF\n");
    add("om_x_no_space_after_brace", O, "x{a=\"1\"}1\n# EOF\n");
    add("om_x_space_before_brace", O, "x {a=\"1\"} 1\n# EOF\n");
    add("om_x_spaces_around_eq", O, "x{a = \"1\"} 1\n# EOF\n");
    add("om_x_int_timestamp", O, "x 1 1520430000\n# EOF\n");
    add("om_x_negative_timestamp", O, "x 1 -1.5\n# EOF\n");
    add("om_x_exp_timestamp", O, "x 1 1.5e9\n# EOF\n");
    add("om_x_bad_timestamp", O, "x 1 12a\n# EOF\n");
    add("om_x_extra_token", O, "x 1 2 3\n# EOF\n");
    add("om_x_duplicate_series", O, "x 1\nx 2\n# EOF\n");
    add("om_x_duplicate_series_ts", O, "x 1 1\nx 2 2\n# EOF\n");
    add("om_x_name_label", O, "x{__name__=\"y\"} 1\n# EOF\n");
    add("om_x_dup_label_both_empty", O, "x{a=\"\",a=\"\"} 1\n# EOF\n");
    add("om_x_dup_label_one_empty", O, "x{a=\"\",a=\"1\"} 1\n# EOF\n");
    add("om_x_bad_utf8_help", O, "# HELP x \xff\nx 1\n# EOF\n");
    add("om_x_help_escapes", O, "# HELP x a\\\"b\\\\c\\nd\\q\nx 1\n# EOF\n");
    add("om_x_help_empty_text", O, "# HELP x \nx 1\n# EOF\n");
    add("om_x_type_missing", O, "# TYPE x\nx 1\n# EOF\n");
    add("om_x_type_trailing_space", O, "# TYPE x gauge \nx 1\n# EOF\n");
    add("om_x_unit_ok", O, "# TYPE x_seconds gauge\n# UNIT x_seconds seconds\nx_seconds 1\n# EOF\n");
    add("om_x_unit_empty", O, "# UNIT x \nx 1\n# EOF\n");
    add("om_x_unit_only", O, "# UNIT x_bytes bytes\nx_bytes 1\n# EOF\n");
    add("om_x_metadata_after_other_family", O, "# TYPE a gauge\na 1\n# TYPE b gauge\nb 1\n# EOF\n");
    add("om_x_help_type_unit_order", O, "# HELP x_s h\n# UNIT x_s s\n# TYPE x_s gauge\nx_s 1\n# EOF\n");
    // Exemplars on every kind of sample.
    add("om_x_exemplar_on_gauge", O, "# TYPE g gauge\ng 1 # {a=\"1\"} 2\n# EOF\n");
    add("om_x_exemplar_untyped_bare", O, "x 1 # {a=\"1\"} 2\n# EOF\n");
    add("om_x_exemplar_untyped_bucket", O, "x_bucket{le=\"1\"} 1 # {a=\"1\"} 2\n# EOF\n");
    add("om_x_exemplar_gauge_total_name", O, "# TYPE g_total gauge\ng_total 1 # {a=\"1\"} 2\n# EOF\n");
    add("om_x_exemplar_name_is_suffix", O, "_total 1 # {a=\"1\"} 2\n# EOF\n");
    add("om_x_exemplar_gauge_bad_syntax", O, "# TYPE g gauge\ng 1 # a\n# EOF\n");
    add("om_x_exemplar_untyped_total", O, "x_total 1 # {a=\"1\"} 2\n# EOF\n");
    add("om_x_exemplar_unknown", O, "# TYPE u unknown\nu 1 # {a=\"1\"} 2\n# EOF\n");
    add("om_x_exemplar_counter_created", O, "# TYPE c counter\nc_created 1 # {a=\"1\"} 2\n# EOF\n");
    add("om_x_exemplar_hist_count", O, "# TYPE h histogram\nh_count 1 # {a=\"1\"} 2\n# EOF\n");
    add("om_x_exemplar_hist_sum", O, "# TYPE h histogram\nh_sum 1 # {a=\"1\"} 2\n# EOF\n");
    add("om_x_exemplar_gaugehist_bucket", O, "# TYPE q gaugehistogram\nq_bucket{le=\"+Inf\"} 1 # {a=\"1\"} 2\n# EOF\n");
    add("om_x_exemplar_gaugehist_gcount", O, "# TYPE q gaugehistogram\nq_gcount 1 # {a=\"1\"} 2\n# EOF\n");
    add("om_x_exemplar_summary", O, "# TYPE s summary\ns{quantile=\"0.5\"} 1 # {a=\"1\"} 2\n# EOF\n");
    add("om_x_exemplar_summary_count", O, "# TYPE s summary\ns_count 1 # {a=\"1\"} 2\n# EOF\n");
    add("om_x_exemplar_info", O, "# TYPE i info\ni_info 1 # {a=\"1\"} 2\n# EOF\n");
    add("om_x_exemplar_stateset", O, "# TYPE s stateset\ns{s=\"a\"} 1 # {a=\"1\"} 2\n# EOF\n");
    // Exemplar syntax errors on a counter too (above they are on an untyped x_total).
    add("om_x_exemplar_syntax_counter", O, "# TYPE x counter\nx_total 1 # a\n# EOF\n");
    add("om_x_exemplar_bad_ts_counter", O, "# TYPE x counter\nx_total 1 # {} 1 NaN\n# EOF\n");
    add("om_x_exemplar_dup_label_counter", O, "# TYPE x counter\nx_total 1 # {a=\"1\",a=\"2\"} 2\n# EOF\n");
    add("om_x_exemplar_bad_utf8", O, "# TYPE x counter\nx_total 1 # {a=\"\xff\"} 2\n# EOF\n");
    add("om_x_exemplar_with_ts", O, "# TYPE c counter\nc_total 1 # {a=\"1\"} 2 1520879607.789\n# EOF\n");
    add("om_x_exemplar_after_ts", O, "# TYPE c counter\nc_total 1 1520430000 # {a=\"1\"} 2\n# EOF\n");
    add("om_x_exemplar_long_labels", O,
        "# TYPE c counter\nc_total 1 # {trace_id=\"" + std::string(200, 't') + "\"} 2\n# EOF\n");
    add("om_x_exemplar_no_space", O, "x_total 1 #{a=\"1\"} 2\n# EOF\n");
    add("om_x_exemplar_trailing_comma", O, "x_total 1 # {a=\"1\",} 2\n# EOF\n");
    add("om_x_exemplar_dup_label", O, "x_total 1 # {a=\"1\",a=\"2\"} 2\n# EOF\n");
    add("om_x_exemplar_bad_value", O, "x_total 1 # {a=\"1\"} abc\n# EOF\n");
    add("om_x_exemplar_trailing_text", O, "x_total 1 # {a=\"1\"} 2 3 4\n# EOF\n");
    add("om_x_histogram_full", O,
        "# TYPE h histogram\nh_bucket{le=\"0.5\"} 1 # {t=\"a\"} 0.3\nh_bucket{le=\"+Inf\"} 2\nh_count 2\nh_sum 1.5\n# EOF\n");
    add("om_x_histogram_nonmonotonic", O, "# TYPE h histogram\nh_bucket{le=\"1\"} 5\nh_bucket{le=\"+Inf\"} 2\n# EOF\n");
    add("om_x_gaugehistogram_bare", O, "# TYPE q gaugehistogram\nq 1\n# EOF\n");
    add("om_x_stateset_ok", O, "# TYPE s stateset\ns{s=\"a\"} 1\ns{s=\"b\"} 0\n# EOF\n");
    add("om_x_info_value_two", O, "# TYPE i info\ni_info{v=\"1\"} 2\n# EOF\n");
    add("om_x_counter_created_only", O, "# TYPE c counter\nc_created 1\n# EOF\n");
    add("om_x_unknown_with_suffix", O, "# TYPE u unknown\nu_total 1\n# EOF\n");
    add("om_x_no_type_suffixes", O, "a_total 1\na_created 2\n# EOF\n");
    add("om_x_colon_names", O, "a:b 1\n# EOF\n");
    add("om_x_name_starts_digit", O, "1a 1\n# EOF\n");
    add("om_x_label_name_digit", O, "x{1a=\"1\"} 1\n# EOF\n");
    add("om_x_unterminated_value", O, "x{a=\"1} 1\n# EOF\n");
    add("om_x_no_value", O, "x\n# EOF\n");
    add("om_x_overflow", O, "x 1e400\n# EOF\n");
    add("om_x_hex_float", O, "x 0x1p3\n# EOF\n");
    add("om_x_long_label_value", O, "x{a=\"" + std::string(4000, 'v') + "\"} 1\n# EOF\n");
    return c;
}

} // namespace vigil::test::oracle
