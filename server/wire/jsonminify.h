#pragma once
// Checks that bytes are one JSON text (RFC 8259: any value, UTF-8, nesting bounded) and copies
// them without the whitespace between tokens, in one pass and without building a document.
// Numbers and strings keep their exact bytes (no conversion through double, no re-escaping),
// so a payload relayed to many recipients is exactly what its sender wrote. Used where a
// client's JSON is passed on rather than read (channel emits); QJsonDocument stays the tool
// for JSON the server reads. Plain function, any thread; fuzzed (tests/fuzz/fuzz_json.cpp).

#include <QByteArray>
#include <QByteArrayView>

namespace sb {

struct JsonMinifyResult {
    bool ok = false;
    qsizetype offset = 0;           // where the first error is
    const char *error = nullptr;    // what it is
};

// `out` receives the compact JSON (it is only valid when the result is ok).
JsonMinifyResult minifyJson(QByteArrayView in, QByteArray &out, int maxDepth = 256);

}  // namespace sb
