#pragma once
// The app's colours, light or dark with the palette, and the choice of appearance: follow
// the desktop (its palette, or the freedesktop "prefer dark" setting GNOME and KDE publish
// through the settings portal), or light, or dark. Every colour the GUI sets itself comes
// from here, so each screen reads in both. GUI thread.

#include <QColor>
#include <QString>

class QApplication;
class QPalette;
class QWidget;

namespace sb::ui::theme {

// Whether `palette` (default: the application's) is a dark one: light text on a dark window.
bool isDark();
bool isDark(const QPalette &palette);

// Plain: the palette's own text colour.
enum class Tone { Good, Warning, Bad, Muted, Info, Plain };
// Text in that tone, readable on the window's background.
QColor text(Tone tone);
// A soft background in that tone (banners, health cells), with text(Tone) or the palette's
// text on it.
QColor background(Tone tone);
// Text on background(tone) for banners.
QColor onBackground(Tone tone);
// The traffic series: messages in and out, in every chart and sparkline.
QColor seriesIn();
QColor seriesOut();
// Gives `widget`'s text that tone (labels: a state, a problem, a hint).
void setTextTone(QWidget *widget, Tone tone);
// A chat bubble: one's own, or the other's.
QColor bubble(bool mine);

enum class Appearance { System, Light, Dark };
Appearance savedAppearance();
void saveAppearance(Appearance appearance);
// "system", "light", "dark" (command line, settings).
Appearance appearanceFromString(const QString &name, bool *ok = nullptr);
// Whether the desktop asks for dark: the settings portal's org.freedesktop.appearance
// color-scheme (1: prefer dark). False when there is no portal.
bool desktopPrefersDark();
// Sets the application's palette: the desktop's own when it is dark or light is wanted, a
// dark Fusion palette when dark is asked for (or the desktop prefers dark but its Qt theme
// gave a light palette).
void apply(QApplication &app, Appearance appearance);

}  // namespace sb::ui::theme
