#include "theme.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace sb::ui::theme {

namespace {

const QString kPortal = QStringLiteral("org.freedesktop.portal.Desktop");
const QString kPortalPath = QStringLiteral("/org/freedesktop/portal/desktop");
const QString kSettings = QStringLiteral("org.freedesktop.portal.Settings");
const QString kNamespace = QStringLiteral("org.freedesktop.appearance");
const QString kKey = QStringLiteral("color-scheme");

// The palette and style the desktop gave the application, before any appearance was applied.
struct Desktop {
    QPalette palette;
    QString style;
    bool known = false;
};
Desktop &desktop()
{
    static Desktop d;
    return d;
}

// The portal wraps the value in one or two variants.
uint unwrap(QVariant v)
{
    while (v.canConvert<QDBusVariant>() && v.userType() == qMetaTypeId<QDBusVariant>())
        v = qvariant_cast<QDBusVariant>(v).variant();
    return v.toUInt();
}

QPalette darkPalette()
{
    QPalette p;
    const QColor window(0x2b, 0x2d, 0x30), base(0x1f, 0x21, 0x23), text(0xe6, 0xe6, 0xe6), disabled(0x7f, 0x82, 0x86);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x27, 0x29, 0x2c));
    p.setColor(QPalette::ToolTipBase, QColor(0x3a, 0x3d, 0x41));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x35, 0x38, 0x3c));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x8a, 0x80));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x52));
    p.setColor(QPalette::Midlight, QColor(0x3e, 0x41, 0x45));
    p.setColor(QPalette::Mid, QColor(0x25, 0x27, 0x29));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1b, 0x1d));
    p.setColor(QPalette::Shadow, QColor(0x0e, 0x0f, 0x10));
    p.setColor(QPalette::Highlight, QColor(0x3d, 0x7a, 0xd6));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x8a, 0xb4, 0xf8));
    p.setColor(QPalette::LinkVisited, QColor(0xc5, 0x8a, 0xf9));
    for (QPalette::ColorRole role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        p.setColor(QPalette::Disabled, role, disabled);
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x4a, 0x4d, 0x52));
    return p;
}

// Follows the portal's changes while the appearance is "system".
class PortalWatch final : public QObject
{
    Q_OBJECT
public:
    explicit PortalWatch(QApplication &app) : QObject(&app), m_app(app)
    {
        QDBusConnection::sessionBus().connect(kPortal, kPortalPath, kSettings, QStringLiteral("SettingChanged"), this,
                                              SLOT(settingChanged(QString, QString, QDBusVariant)));
    }
private slots:
    void settingChanged(const QString &ns, const QString &key, const QDBusVariant &)
    {
        if (ns == kNamespace && key == kKey && savedAppearance() == Appearance::System)
            apply(m_app, Appearance::System);
    }

private:
    QApplication &m_app;
};

}  // namespace

bool isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < palette.color(QPalette::WindowText).lightness();
}

bool isDark()
{
    return isDark(QGuiApplication::palette());
}

QColor text(Tone tone)
{
    const bool dark = isDark();
    switch (tone) {
    case Tone::Good: return dark ? QColor(0x81, 0xc7, 0x84) : QColor(0x2e, 0x7d, 0x32);
    case Tone::Warning: return dark ? QColor(0xff, 0xb7, 0x4d) : QColor(0xa8, 0x5d, 0x00);
    case Tone::Bad: return dark ? QColor(0xef, 0x9a, 0x9a) : QColor(0xc6, 0x28, 0x28);
    case Tone::Muted: return dark ? QColor(0x9e, 0xa3, 0xa8) : QColor(0x6b, 0x6b, 0x6b);
    case Tone::Info: return dark ? QColor(0x90, 0xca, 0xf9) : QColor(0x1e, 0x5a, 0xa8);
    case Tone::Plain: return QGuiApplication::palette().color(QPalette::WindowText);
    }
    return {};
}

QColor background(Tone tone)
{
    const bool dark = isDark();
    switch (tone) {
    case Tone::Good: return dark ? QColor(0x1d, 0x3b, 0x22) : QColor(0xc8, 0xe6, 0xc9);
    case Tone::Warning: return dark ? QColor(0x4a, 0x3a, 0x12) : QColor(0xff, 0xf4, 0xd6);
    case Tone::Bad: return dark ? QColor(0x4f, 0x22, 0x22) : QColor(0xff, 0xcd, 0xd2);
    case Tone::Muted: return dark ? QColor(0x33, 0x36, 0x3a) : QColor(0xee, 0xee, 0xee);
    case Tone::Info: return dark ? QColor(0x15, 0x33, 0x55) : QColor(0xd6, 0xe8, 0xff);
    case Tone::Plain: return QGuiApplication::palette().color(QPalette::Window);
    }
    return {};
}

QColor onBackground(Tone tone)
{
    const bool dark = isDark();
    switch (tone) {
    case Tone::Good: return dark ? QColor(0xd7, 0xf0, 0xd8) : QColor(0x1b, 0x4d, 0x1e);
    case Tone::Warning: return dark ? QColor(0xff, 0xe8, 0xb0) : QColor(0x4a, 0x3b, 0x00);
    case Tone::Bad: return dark ? QColor(0xff, 0xdc, 0xdc) : QColor(0x6b, 0x10, 0x10);
    case Tone::Muted: return dark ? QColor(0xdd, 0xdd, 0xdd) : QColor(0x33, 0x33, 0x33);
    case Tone::Info: return dark ? QColor(0xd6, 0xe8, 0xff) : QColor(0x0b, 0x2f, 0x5c);
    case Tone::Plain: return QGuiApplication::palette().color(QPalette::WindowText);
    }
    return {};
}

QColor seriesIn()
{
    return isDark() ? QColor(0x64, 0xb5, 0xf6) : QColor(0x15, 0x65, 0xc0);
}

QColor seriesOut()
{
    return isDark() ? QColor(0xff, 0xb7, 0x4d) : QColor(0xe6, 0x51, 0x00);
}

QColor bubble(bool mine)
{
    if (isDark())
        return mine ? QColor(0x1c, 0x3d, 0x5e) : QColor(0x3a, 0x3d, 0x41);
    return mine ? QColor(0xdc, 0xf1, 0xff) : QColor(0xf0, 0xf0, 0xf0);
}

Appearance appearanceFromString(const QString &name, bool *ok)
{
    if (ok)
        *ok = true;
    if (name == QLatin1String("light"))
        return Appearance::Light;
    if (name == QLatin1String("dark"))
        return Appearance::Dark;
    if (ok)
        *ok = name == QLatin1String("system");
    return Appearance::System;
}

Appearance savedAppearance()
{
    return appearanceFromString(QSettings().value(QStringLiteral("appearance"), QStringLiteral("system")).toString());
}

void saveAppearance(Appearance appearance)
{
    static const char *const names[] = {"system", "light", "dark"};
    QSettings().setValue(QStringLiteral("appearance"), QString::fromLatin1(names[int(appearance)]));
}

bool desktopPrefersDark()
{
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected())
        return false;
    QDBusMessage read = QDBusMessage::createMethodCall(kPortal, kPortalPath, kSettings, QStringLiteral("Read"));
    read << kNamespace << kKey;
    const QDBusMessage reply = bus.call(read, QDBus::Block, 500);  // never hold the start up for long
    return reply.type() == QDBusMessage::ReplyMessage && !reply.arguments().isEmpty() && unwrap(reply.arguments().constFirst()) == 1;
}

void apply(QApplication &app, Appearance appearance)
{
    Desktop &d = desktop();
    if (!d.known) {
        d.palette = QApplication::palette();
        d.style = app.style()->name();
        d.known = true;
        new PortalWatch(app);
    }
    bool dark = appearance == Appearance::Dark;
    if (appearance == Appearance::System)
        dark = !isDark(d.palette) && desktopPrefersDark();
    if (dark && !isDark(d.palette)) {
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
        return;
    }
    if (appearance == Appearance::Light && isDark(d.palette)) {
        // A dark desktop, light asked for: Fusion's own light palette.
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(QApplication::style()->standardPalette());
        return;
    }
    if (app.style()->name() != d.style)
        QApplication::setStyle(QStyleFactory::create(d.style));
    QApplication::setPalette(d.palette);
}

}  // namespace sb::ui::theme

#include "theme.moc"
