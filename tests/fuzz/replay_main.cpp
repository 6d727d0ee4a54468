// Runs a libFuzzer target without libFuzzer: every file of the seed corpus, then a fixed
// number of deterministic mutations of them. Registered in ctest so that the fuzz targets
// and their invariants stay exercised in every build; real fuzzing uses the `fuzz` preset.
#include <QDir>
#include <QFile>
#include <QRandomGenerator>

#include <cstdint>
#include <cstdio>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int main(int argc, char *argv[])
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s CORPUS_DIR [ITERATIONS]\n", argv[0]);
        return 2;
    }
    const int iterations = argc > 2 ? std::atoi(argv[2]) : 20000;
    QList<QByteArray> corpus;
    const QDir dir(QString::fromLocal8Bit(argv[1]));
    for (const QString &name : dir.entryList(QDir::Files)) {
        QFile f(dir.filePath(name));
        if (f.open(QIODevice::ReadOnly))
            corpus.append(f.readAll());
    }
    if (corpus.isEmpty()) {
        std::fprintf(stderr, "empty corpus in %s\n", argv[1]);
        return 2;
    }
    for (const QByteArray &c : corpus)
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(c.constData()), size_t(c.size()));
    QRandomGenerator rng(20261123);
    for (int i = 0; i < iterations; ++i) {
        QByteArray b = corpus[rng.bounded(int(corpus.size()))];
        const int edits = 1 + int(rng.bounded(8));
        for (int e = 0; e < edits; ++e) {
            const int kind = int(rng.bounded(4));
            const int pos = b.isEmpty() ? 0 : int(rng.bounded(int(b.size())));
            if (kind == 0 && !b.isEmpty())
                b[pos] = char(rng.bounded(256));
            else if (kind == 1)
                b.insert(pos, char(rng.bounded(256)));
            else if (kind == 2 && !b.isEmpty())
                b.remove(pos, 1 + int(rng.bounded(4)));
            else
                b.insert(pos, b.mid(int(rng.bounded(int(qMax<qsizetype>(1, b.size())))), 16));
        }
        LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(b.constData()), size_t(b.size()));
    }
    std::printf("%lld inputs, no invariant broken\n", static_cast<long long>(corpus.size()) + iterations);
    return 0;
}
