#pragma once
// Felix guild and user documents of the embedded server: list, a JSON editor that checks
// the document before saving, save (connections listening to that id get the change live,
// as with the REST API) and delete. Through the node's FelixAdmin: every call is
// asynchronous, the GUI never blocks.

#include <QHash>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;

namespace sb {
class FelixAdmin;
struct Status;
}

namespace sb::ui {

class FelixDocsWidget final : public QWidget
{
    Q_OBJECT
public:
    explicit FelixDocsWidget(FelixAdmin &felix, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(FelixDocsWidget)

    void refresh();
    // Saves the editor's document under the id field; false (and says why) when it is not
    // a JSON object or the id is empty.
    bool save();
    void remove();
    void showDocument(const QString &id);

    QComboBox *kind() const { return m_kind; }
    QListWidget *list() const { return m_list; }
    QLineEdit *id() const { return m_id; }
    QPlainTextEdit *editor() const { return m_editor; }
    QLabel *message() const { return m_message; }

signals:
    void refreshed();
    void finished(bool ok, const QString &message);

protected:
    void showEvent(QShowEvent *event) override;

private:
    bool guilds() const;
    // Shows the outcome of a change, then reloads the list.
    void report(const Status &status);

    FelixAdmin &m_felix;
    QComboBox *m_kind;
    QListWidget *m_list;
    QLineEdit *m_id;
    QPlainTextEdit *m_editor;
    QLabel *m_message;
    QHash<QString, QString> m_docs;  // id -> indented JSON, as last listed
    quint64 m_serial = 0;
};

}  // namespace sb::ui
