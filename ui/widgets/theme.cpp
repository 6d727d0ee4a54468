#include "theme.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QPalette>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QWidget>

#include <iterator>

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

namespace {

// Each tone's colours, light palette then dark: text on the window, a soft background, and
// the text on that background.
struct ToneColours {
    QRgb text[2], background[2], on[2];
};
constexpr ToneColours kTones[] = {
    /* Good */ {{0x2e7d32, 0x81c784}, {0xc8e6c9, 0x1d3b22}, {0x1b4d1e, 0xd7f0d8}},
    /* Warning */ {{0xa85d00, 0xffb74d}, {0xfff4d6, 0x4a3a12}, {0x4a3b00, 0xffe8b0}},
    /* Bad */ {{0xc62828, 0xef9a9a}, {0xffcdd2, 0x4f2222}, {0x6b1010, 0xffdcdc}},
    /* Muted */ {{0x6b6b6b, 0x9ea3a8}, {0xeeeeee, 0x33363a}, {0x333333, 0xdddddd}},
    /* Info */ {{0x1e5aa8, 0x90caf9}, {0xd6e8ff, 0x153355}, {0x0b2f5c, 0xd6e8ff}},
};
static_assert(std::size(kTones) == size_t(Tone::Plain), "a row per tone, in the enum's order");

}  // namespace

QColor text(Tone tone)
{
    if (tone == Tone::Plain)
        return QGuiApplication::palette().color(QPalette::WindowText);
    return QColor(kTones[int(tone)].text[isDark() ? 1 : 0]);
}

QColor background(Tone tone)
{
    if (tone == Tone::Plain)
        return QGuiApplication::palette().color(QPalette::Window);
    return QColor(kTones[int(tone)].background[isDark() ? 1 : 0]);
}

QColor onBackground(Tone tone)
{
    if (tone == Tone::Plain)
        return QGuiApplication::palette().color(QPalette::WindowText);
    return QColor(kTones[int(tone)].on[isDark() ? 1 : 0]);
}

void setTextTone(QWidget *widget, Tone tone)
{
    QPalette p = widget->palette();
    p.setColor(QPalette::WindowText, text(tone));
    widget->setPalette(p);
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
