// libFuzzer target: the chat file frame ('!' + JSON info + '#' + bytes). Whatever the bytes,
// the parser must not crash, and a frame it accepts must describe exactly its own bytes.
#include "services/chat/fileframe.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    sb::chat::FileFrame f;
    QString detail;
    const auto r = sb::chat::parseFileFrame(input, &f, &detail);
    if (r == sb::chat::FileFrameError::None) {
        if (f.size != f.bytes.size() || f.name.isEmpty())
            abort();
        if (f.bytes.data() < input.data() || f.bytes.data() + f.bytes.size() != input.data() + input.size())
            abort();
    } else if (detail.isEmpty()) {
        abort();
    }
    const qsizetype end = sb::chat::jsonObjectEnd(input);
    if (end > input.size())
        abort();
    return 0;
}
