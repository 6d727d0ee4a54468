#include "jsonhighlighter.h"

namespace sb::ui {

JsonHighlighter::JsonHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    auto format = [](const QColor &c, bool bold = false) {
        QTextCharFormat f;
        f.setForeground(c);
        if (bold)
            f.setFontWeight(QFont::Bold);
        return f;
    };
    // Later rules win where they overlap: strings, then keys (strings before a colon).
    m_rules = {
        {QRegularExpression(QStringLiteral("-?\\b\\d+(\\.\\d+)?([eE][+-]?\\d+)?\\b")), format(QColor(0x0b, 0x6e, 0x99))},
        {QRegularExpression(QStringLiteral("\\b(true|false|null)\\b")), format(QColor(0x8e, 0x24, 0xaa), true)},
        {QRegularExpression(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\"")), format(QColor(0x2e, 0x7d, 0x32))},
        {QRegularExpression(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\"(?=\\s*:)")), format(QColor(0x1e, 0x5a, 0xa8), true)},
    };
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    for (const Rule &rule : std::as_const(m_rules)) {
        auto it = rule.pattern.globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()), rule.format);
        }
    }
}

}  // namespace sb::ui
