#include "connectdialog.h"

#include "nodefinder.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace sb::ui {

namespace {
constexpr int kMaxProfiles = 10;

QString endpointKey(const QUrl &url)
{
    return url.host() + QLatin1Char('_') + QString::number(url.port(8070));
}
}  // namespace

ConnectDialog::ConnectDialog(NodeFinder *finder, QWidget *parent) : QDialog(parent), m_finder(finder)
{
    setWindowTitle(tr("Connect to server"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Watch and administer another Switchboard node — a switchboardd on a mini PC, a server in the "
                                "cupboard — through its admin endpoint (port 8070 unless its configuration says otherwise)."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    layout->addWidget(new QLabel(tr("On your network:"), this));
    m_found = new QListWidget(this);
    m_found->setMaximumHeight(fontMetrics().height() * 6);
    layout->addWidget(m_found);
    auto *form = new QFormLayout;
    m_profiles = new QComboBox(this);
    m_profiles->addItem(tr("New server"));
    for (const RemoteTarget &t : profiles())
        m_profiles->addItem(t.email.isEmpty() ? t.display() : tr("%1 as %2").arg(t.display(), t.email), QVariant::fromValue(t.url));
    form->addRow(tr("Server"), m_profiles);
    m_address = new QLineEdit(this);
    m_address->setPlaceholderText(tr("host name or IP address, e.g. 192.168.1.20"));
    form->addRow(tr("Address"), m_address);
    m_port = new QSpinBox(this);
    m_port->setRange(1, 65535);
    m_port->setValue(8070);
    form->addRow(tr("Port"), m_port);
    m_tls = new QCheckBox(tr("TLS (wss://)"), this);
    form->addRow(QString(), m_tls);
    m_method = new QComboBox(this);
    m_method->addItem(tr("Email and password"));
    m_method->addItem(tr("Admin API token"));
    form->addRow(tr("Sign in with"), m_method);
    m_email = new QLineEdit(this);
    m_email->setPlaceholderText(tr("a superuser's or an employee's email"));
    form->addRow(tr("Email"), m_email);
    m_password = new QLineEdit(this);
    m_password->setEchoMode(QLineEdit::Password);
    form->addRow(tr("Password"), m_password);
    m_token = new QLineEdit(this);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(tr("sba_… (Administration → Users and tokens, scope admin)"));
    form->addRow(tr("Token"), m_token);
    layout->addLayout(form);
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Connect"));
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto methodChanged = [this, form] {
        const bool token = m_method->currentIndex() == 1;
        form->setRowVisible(m_email, !token);
        form->setRowVisible(m_password, !token);
        form->setRowVisible(m_token, token);
    };
    connect(m_method, &QComboBox::currentIndexChanged, this, methodChanged);
    methodChanged();
    connect(m_profiles, &QComboBox::currentIndexChanged, this, [this](int i) {
        if (i > 0)
            setTarget(profiles().value(i - 1));
    });
    connect(m_tls, &QCheckBox::toggled, this, &ConnectDialog::updateHint);
    connect(m_address, &QLineEdit::textChanged, this, &ConnectDialog::updateHint);
    if (m_profiles->count() > 1)
        m_profiles->setCurrentIndex(1);
    connect(m_found, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *item) {
        if (!item || !(item->flags() & Qt::ItemIsEnabled) || item->data(Qt::UserRole).toString().isEmpty())
            return;
        m_address->setText(item->data(Qt::UserRole).toString());
        m_port->setValue(item->data(Qt::UserRole + 1).toInt());
        m_tls->setChecked(item->data(Qt::UserRole + 2).toBool());
        m_profiles->setCurrentIndex(0);
    });
    if (m_finder)
        connect(m_finder, &NodeFinder::changed, this, &ConnectDialog::updateFound);
    updateFound();
    updateHint();
}

void ConnectDialog::updateFound()
{
    const QString current = m_found->currentItem() ? m_found->currentItem()->text() : QString();
    m_found->clear();
    const QList<FoundNode> nodes = m_finder ? m_finder->nodes() : QList<FoundNode>{};
    for (const FoundNode &n : nodes) {
        auto *item = new QListWidgetItem(m_found);
        if (n.adminPort()) {
            item->setText(tr("%1 — %2:%3%4").arg(n.name, n.address).arg(n.adminPort()).arg(n.adminTls() ? tr(" (TLS)") : QString()));
            item->setData(Qt::UserRole, n.address);
            item->setData(Qt::UserRole + 1, n.adminPort());
            item->setData(Qt::UserRole + 2, n.adminTls());
        } else {
            item->setText(tr("%1 — %2 (its admin endpoint is not open to the LAN)").arg(n.name, n.address));
            item->setToolTip(tr("Start it with --admin lan, or \"admin\": {\"reach\": \"lan\"} in its config.json"));
            item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
        }
        if (item->text() == current)
            m_found->setCurrentItem(item);
    }
    if (nodes.isEmpty()) {
        auto *item = new QListWidgetItem(tr("No Switchboard node announces itself on the LAN (yet). Type its address below."), m_found);
        item->setFlags(item->flags() & ~Qt::ItemIsEnabled);
    }
}

void ConnectDialog::updateHint()
{
    const QString host = m_address->text().trimmed();
    const bool local = host.isEmpty() || host == QLatin1String("localhost") || host.startsWith(QLatin1String("127."));
    m_hint->setText(m_tls->isChecked() || local
                        ? tr("The first time, the server's certificate fingerprint is shown for you to compare and trust.")
                        : tr("Without TLS the password or token travels unencrypted across the LAN. Give the node's admin "
                             "endpoint a certificate (\"admin\": {\"tls\": …}) and tick TLS."));
}

void ConnectDialog::setTarget(const RemoteTarget &t)
{
    m_address->setText(t.url.host());
    m_port->setValue(t.url.port(8070));
    m_tls->setChecked(t.url.scheme() == QLatin1String("wss"));
    m_method->setCurrentIndex(t.email.isEmpty() && !t.token.isEmpty() ? 1 : 0);
    m_email->setText(t.email);
    m_password->setText(t.password);
    m_token->setText(t.token);
}

RemoteTarget ConnectDialog::target() const
{
    RemoteTarget t;
    t.url.setScheme(m_tls->isChecked() ? QStringLiteral("wss") : QStringLiteral("ws"));
    t.url.setHost(m_address->text().trimmed());
    t.url.setPort(m_port->value());
    if (m_method->currentIndex() == 1) {
        t.token = m_token->text().trimmed();
    } else {
        t.email = m_email->text().trimmed();
        t.password = m_password->text();
    }
    t.trustedFingerprint = trustedFingerprint(t.url);
    return t;
}

QList<RemoteTarget> ConnectDialog::profiles()
{
    QSettings settings;
    QList<RemoteTarget> out;
    const int n = settings.beginReadArray(QStringLiteral("remote/profiles"));
    for (int i = 0; i < n; ++i) {
        settings.setArrayIndex(i);
        RemoteTarget t;
        t.url = settings.value(QStringLiteral("url")).toUrl();
        t.email = settings.value(QStringLiteral("email")).toString();
        if (t.url.isValid())
            out.append(t);
    }
    settings.endArray();
    return out;
}

void ConnectDialog::remember(const RemoteTarget &target)
{
    QList<RemoteTarget> list = profiles();
    list.removeIf([&](const RemoteTarget &t) { return t.url == target.url && t.email == target.email; });
    list.prepend(target);
    QSettings settings;
    settings.beginWriteArray(QStringLiteral("remote/profiles"));
    for (int i = 0; i < qMin<qsizetype>(list.size(), kMaxProfiles); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(QStringLiteral("url"), list[i].url);
        settings.setValue(QStringLiteral("email"), list[i].email);  // never the password or token
    }
    settings.endArray();
}

QByteArray ConnectDialog::trustedFingerprint(const QUrl &url)
{
    return QSettings().value(QStringLiteral("remote/trusted/") + endpointKey(url)).toByteArray();
}

void ConnectDialog::trust(const QUrl &url, const QByteArray &sha256Hex)
{
    QSettings().setValue(QStringLiteral("remote/trusted/") + endpointKey(url), sha256Hex);
}

}  // namespace sb::ui
