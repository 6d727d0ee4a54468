#pragma once
// The commonest shape of a client's JSON message read without building a document: one
// object whose members are all strings without escapes, e.g. {"type": "text", "text": "hi"}.
// QJsonDocument builds a tree of QCbor values and converts every key and string to UTF-16;
// for a chat text that was a sixth of a worker's time per message. Anything else (a number,
// a nested value, an escape, a repeated key, more than kMaxMembers members, bytes that are
// not a JSON object) is refused, and the caller reads the message with QJsonDocument as
// before: what is accepted reads exactly as QJsonDocument reads it. The input must be valid
// UTF-8 (a WebSocket text frame is checked before it is delivered). Any thread; fuzzed
// (tests/fuzz/fuzz_json.cpp compares it with QJsonDocument).

#include <QByteArrayView>
#include <QVarLengthArray>

namespace sb {

struct FlatJsonMember {
    QByteArrayView key;    // the bytes between the quotes
    QByteArrayView value;  // likewise: UTF-8, no escapes
};

using FlatJsonObject = QVarLengthArray<FlatJsonMember, 8>;

constexpr qsizetype kMaxFlatJsonMembers = 8;

// True, with the members in order, when `utf8` is such an object (surrounded by nothing but
// JSON whitespace).
bool readFlatJsonObject(QByteArrayView utf8, FlatJsonObject &members);

// The value of `key` in what readFlatJsonObject accepted, or a null view.
QByteArrayView flatJsonValue(const FlatJsonObject &members, QByteArrayView key);

}  // namespace sb
