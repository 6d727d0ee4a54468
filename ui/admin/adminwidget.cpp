#include "adminwidget.h"
#include "format.h"
#include "widgets/emptyhint.h"

#include "api/administration.h"
#include "api/async.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace sb::ui {

namespace {
QTableWidget *makeTable(const QStringList &headers, QWidget *parent)
{
    auto *t = new QTableWidget(0, int(headers.size()), parent);
    t->setHorizontalHeaderLabels(headers);
    t->setSelectionBehavior(QAbstractItemView::SelectRows);
    t->setSelectionMode(QAbstractItemView::SingleSelection);
    t->setEditTriggers(QAbstractItemView::NoEditTriggers);
    t->verticalHeader()->hide();
    t->verticalHeader()->setDefaultSectionSize(t->fontMetrics().height() + 8);
    t->horizontalHeader()->setStretchLastSection(false);
    t->setAlternatingRowColors(true);
    return t;
}
}  // namespace

AdminWidget::AdminWidget(AccountsAdmin &accounts, QWidget *parent) : QWidget(parent), m_accounts(accounts)
{
    m_poll.setInterval(kPollMs);
    connect(&m_poll, &QTimer::timeout, this, &AdminWidget::refresh);
    auto *layout = new QVBoxLayout(this);
    m_message = new QLabel(this);
    m_message->setWordWrap(true);

    auto *usersBox = new QGroupBox(tr("Users"), this);
    auto *ul = new QVBoxLayout(usersBox);
    m_users = makeTable({tr("ID"), tr("Email"), tr("Role"), tr("Coins"), tr("Created"), tr("State")}, usersBox);
    ul->addWidget(m_users);
    setEmptyHint(m_users, tr("No members yet. Register one in the Clients tab (Chat), or press New user…"));
    auto *ub = new QHBoxLayout;
    auto *newUser = new QPushButton(tr("New user…"), usersBox);
    auto *role = new QPushButton(tr("Change role…"), usersBox);
    auto *coins = new QPushButton(tr("Add coins…"), usersBox);
    auto *disable = new QPushButton(tr("Disable / enable"), usersBox);
    disable->setToolTip(tr("A disabled user cannot log in and their sessions stop working; nothing is deleted"));
    for (QPushButton *b : {newUser, role, coins, disable})
        ub->addWidget(b);
    ub->addStretch(1);
    auto *reload = new QPushButton(tr("Refresh"), usersBox);
    reload->setToolTip(tr("Read the users and tokens again (they are also read each time this page is shown)"));
    connect(reload, &QPushButton::clicked, this, &AdminWidget::refresh);
    ub->addWidget(reload);
    ul->addLayout(ub);
    layout->addWidget(usersBox, 3);

    auto *tokensBox = new QGroupBox(tr("API tokens (felix)"), this);
    auto *tl = new QVBoxLayout(tokensBox);
    m_tokens = makeTable({tr("Name"), tr("Scope"), tr("Created"), tr("State")}, tokensBox);
    tl->addWidget(m_tokens);
    setEmptyHint(m_tokens, tr("No API tokens yet. Bots of the felix service need one: press New token…"));
    auto *tb = new QHBoxLayout;
    auto *newToken = new QPushButton(tr("New token…"), tokensBox);
    auto *revoke = new QPushButton(tr("Revoke"), tokensBox);
    tb->addWidget(newToken);
    tb->addWidget(revoke);
    tb->addStretch(1);
    tl->addLayout(tb);
    layout->addWidget(tokensBox, 2);
    layout->addWidget(m_message);

    connect(newUser, &QPushButton::clicked, this, &AdminWidget::userDialog);
    connect(role, &QPushButton::clicked, this, [this] {
        const int row = m_users->currentRow();
        if (row < 0)
            return;
        bool ok = false;
        const QString r = QInputDialog::getItem(this, tr("Change role"), tr("Role of %1").arg(m_users->item(row, 1)->text()),
                                                AccountsAdmin::roles(), int(AccountsAdmin::roles().indexOf(m_users->item(row, 2)->text())), false, &ok);
        if (ok)
            setRole(m_users->item(row, 1)->text(), r);
    });
    connect(coins, &QPushButton::clicked, this, [this] {
        const int row = m_users->currentRow();
        if (row < 0)
            return;
        bool ok = false;
        const int amount = QInputDialog::getInt(this, tr("Add coins"), tr("Coins for %1").arg(m_users->item(row, 1)->text()), 100, 1, 1'000'000'000, 1, &ok);
        if (ok)
            addCoins(m_users->item(row, 1)->text(), amount);
    });
    connect(disable, &QPushButton::clicked, this, [this] {
        const int row = m_users->currentRow();
        if (row < 0)
            return;
        const bool disabled = m_users->item(row, 5)->data(Qt::UserRole).toBool();
        setDisabled(m_users->item(row, 1)->text(), !disabled);
    });
    connect(newToken, &QPushButton::clicked, this, &AdminWidget::tokenDialog);
    connect(revoke, &QPushButton::clicked, this, [this] {
        if (m_tokens->currentRow() >= 0)
            revokeToken(m_tokens->item(m_tokens->currentRow(), 0)->text());
    });
    connect(this, &AdminWidget::tokenCreated, this, &AdminWidget::showToken);
    refresh();
}

QString AdminWidget::lastMessage() const
{
    return m_message->text();
}

void AdminWidget::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();  // members register over HTTP and in other apps meanwhile
    m_poll.start();
}

void AdminWidget::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_poll.stop();  // read only while on screen
}

void AdminWidget::refresh()
{
    // Answers may come back out of order: only the newest one is shown.
    const quint64 serial = ++m_refreshSerial;
    whenReady(m_accounts.users(), this, [this, serial](const QList<UserInfo> &users) {
        if (serial != m_refreshSerial)
            return;
        QList<QStringList> rows;
        for (const UserInfo &u : users)
            rows.append({QString::number(u.id), u.email, u.role, QString::number(u.balance), formatDateTime(u.createdAt),
                         u.disabled ? tr("disabled") : tr("active")});
        if (m_usersRead && rows == m_userRows)
            return;  // the poll found nothing new: the table (and its selection) stays
        m_usersRead = true;
        m_userRows = rows;
        m_users->setRowCount(int(users.size()));
        for (int r = 0; r < users.size(); ++r) {
            for (int c = 0; c < rows[r].size(); ++c) {
                auto *item = new QTableWidgetItem(rows[r][c]);
                if (c == 0 || c == 3)  // id and coins: numbers, right-aligned
                    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                m_users->setItem(r, c, item);
            }
            m_users->item(r, 5)->setData(Qt::UserRole, users[r].disabled);
        }
        m_users->resizeColumnsToContents();
        m_users->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);  // the email takes the room left
    });
    whenReady(m_accounts.apiTokens(), this, [this, serial](const QList<ApiTokenInfo> &tokens) {
        if (serial != m_refreshSerial)
            return;
        QList<QStringList> rows;
        for (const ApiTokenInfo &t : tokens)
            rows.append({t.name, t.scope, formatDateTime(t.createdAt), t.revoked ? tr("revoked") : tr("active")});
        if (m_tokensRead && rows == m_tokenRows)
            return;
        m_tokensRead = true;
        m_tokenRows = rows;
        m_tokens->setRowCount(int(tokens.size()));
        for (int r = 0; r < tokens.size(); ++r) {
            for (int c = 0; c < rows[r].size(); ++c)
                m_tokens->setItem(r, c, new QTableWidgetItem(rows[r][c]));
        }
        m_tokens->resizeColumnsToContents();
        m_tokens->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);  // the name takes the room left
    });
}

void AdminWidget::report(const QString &message)
{
    m_message->setText(message);
    emit finished(message);
    refresh();
}

void AdminWidget::createUser(const QString &email, const QString &password, const QString &role, qint64 balance)
{
    whenReady(m_accounts.createUser(email, password, role, balance), this, [this, email](const Result<UserInfo> &r) {
        report(r.ok() ? tr("Created %1 (%2) with %3 coins").arg(r.value.email, r.value.role).arg(r.value.balance)
                      : tr("Could not create %1: %2").arg(email, r.error));
    });
}

void AdminWidget::setRole(const QString &email, const QString &role)
{
    whenReady(m_accounts.setRole(email, role), this, [this, email, role](const Status &r) {
        report(r.ok() ? tr("%1 is now %2").arg(email, role) : tr("Could not change %1: %2").arg(email, r.error));
    });
}

void AdminWidget::setDisabled(const QString &email, bool disabled)
{
    whenReady(m_accounts.setDisabled(email, disabled), this, [this, email, disabled](const Status &r) {
        if (!r.ok())
            return report(tr("Could not change %1: %2").arg(email, r.error));
        report(disabled ? tr("%1 is disabled: no login, their sessions stop working").arg(email) : tr("%1 is enabled again").arg(email));
    });
}

void AdminWidget::addCoins(const QString &email, qint64 amount)
{
    whenReady(m_accounts.addCoins(email, amount), this, [this](const Result<UserInfo> &r) {
        report(r.ok() ? tr("%1 now has %2 coins").arg(r.value.email).arg(r.value.balance) : tr("Could not add coins: %1").arg(r.error));
    });
}

void AdminWidget::createToken(const QString &name, const QString &scope)
{
    whenReady(m_accounts.createApiToken(name, scope), this, [this, name, scope](const Result<QByteArray> &r) {
        if (!r.ok())
            return report(tr("Could not create token %1: %2").arg(name, r.error));
        emit tokenCreated(name, QString::fromLatin1(r.value));
        report(tr("Created %1 token %2 (shown once)").arg(scope, name));
    });
}

void AdminWidget::revokeToken(const QString &name)
{
    whenReady(m_accounts.revokeApiToken(name), this, [this, name](const Status &r) {
        report(r.ok() ? tr("Revoked %1: it no longer opens anything").arg(name) : tr("Could not revoke %1: %2").arg(name, r.error));
    });
}

void AdminWidget::userDialog()
{
    QDialog d(this);
    d.setWindowTitle(tr("New user"));
    auto *form = new QFormLayout(&d);
    auto *email = new QLineEdit(&d);
    auto *password = new QLineEdit(&d);
    password->setEchoMode(QLineEdit::Password);
    auto *role = new QComboBox(&d);
    role->addItems(AccountsAdmin::roles());
    role->setCurrentText(QStringLiteral("member"));
    auto *coins = new QSpinBox(&d);
    coins->setRange(0, 1'000'000'000);
    form->addRow(tr("Email"), email);
    form->addRow(tr("Password"), password);
    form->addRow(tr("Role"), role);
    form->addRow(tr("Coins"), coins);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &d);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &d, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &d, &QDialog::reject);
    if (d.exec() == QDialog::Accepted)
        createUser(email->text(), password->text(), role->currentText(), coins->value());
}

void AdminWidget::tokenDialog()
{
    QDialog d(this);
    d.setWindowTitle(tr("New API token"));
    auto *form = new QFormLayout(&d);
    auto *name = new QLineEdit(&d);
    auto *scope = new QComboBox(&d);
    scope->addItem(tr("private — a felix bot (socket and REST)"), QStringLiteral("private"));
    scope->addItem(tr("public — names a bot; felix refuses it"), QStringLiteral("public"));
    scope->addItem(tr("admin — the admin endpoint (watch and administer this server remotely)"), QStringLiteral("admin"));
    form->addRow(tr("Name"), name);
    form->addRow(tr("Scope"), scope);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &d);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &d, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &d, &QDialog::reject);
    if (d.exec() == QDialog::Accepted)
        createToken(name->text(), scope->currentData().toString());
}

void AdminWidget::showToken(const QString &name, const QString &token)
{
    if (!isVisible())
        return;  // tests and hidden windows: the message line says it was created
    QDialog d(this);
    d.setWindowTitle(tr("Token %1").arg(name));
    auto *layout = new QVBoxLayout(&d);
    layout->addWidget(new QLabel(tr("Copy the token now: it is shown only once and stored only as a hash."), &d));
    auto *field = new QLineEdit(token, &d);
    field->setReadOnly(true);
    field->setMinimumWidth(field->fontMetrics().horizontalAdvance(token) + 20);
    layout->addWidget(field);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, &d);
    auto *copy = buttons->addButton(tr("Copy"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, &d, [token] { QGuiApplication::clipboard()->setText(token); });
    connect(buttons, &QDialogButtonBox::rejected, &d, &QDialog::reject);
    layout->addWidget(buttons);
    d.exec();
}

}  // namespace sb::ui
