#pragma once
// Colours JSON in the inspector's detail pane: keys, strings, numbers, true/false/null.

#include <QRegularExpression>
#include <QSyntaxHighlighter>

namespace sb::ui {

class JsonHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit JsonHighlighter(QTextDocument *document);

protected:
    void highlightBlock(const QString &text) override;

private:
    void buildRules();
    struct Rule {
        QRegularExpression pattern;
        QTextCharFormat format;
    };
    QList<Rule> m_rules;
    bool m_dark = false;
};

}  // namespace sb::ui
