#include "jsonhighlighter.h"

#include "theme.h"

namespace sb::ui {

JsonHighlighter::JsonHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    buildRules();
}

// The colours of the palette in use, light or dark.
void JsonHighlighter::buildRules()
{
    m_dark = theme::isDark();
    auto format = [](const QColor &c, bool bold = false) {
        QTextCharFormat f;
        f.setForeground(c);
        if (bold)
            f.setFontWeight(QFont::Bold);
        return f;
    };
    // Later rules win where they overlap: strings, then keys (strings before a colon).
    m_rules = {
        {QRegularExpression(QStringLiteral("-?\\b\\d+(\\.\\d+)?([eE][+-]?\\d+)?\\b")), format(m_dark ? QColor(0x7f, 0xd1, 0xf5) : QColor(0x0b, 0x6e, 0x99))},
        {QRegularExpression(QStringLiteral("\\b(true|false|null)\\b")), format(m_dark ? QColor(0xce, 0x93, 0xd8) : QColor(0x8e, 0x24, 0xaa), true)},
        {QRegularExpression(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\"")), format(theme::text(theme::Tone::Good))},
        {QRegularExpression(QStringLiteral("\"(?:[^\"\\\\]|\\\\.)*\"(?=\\s*:)")), format(theme::text(theme::Tone::Info), true)},
    };
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    if (m_dark != theme::isDark())
        buildRules();  // the appearance changed since
    for (const Rule &rule : std::as_const(m_rules)) {
        auto it = rule.pattern.globalMatch(text);
        while (it.hasNext()) {
            const auto m = it.next();
            setFormat(int(m.capturedStart()), int(m.capturedLength()), rule.format);
        }
    }
}

}  // namespace sb::ui
