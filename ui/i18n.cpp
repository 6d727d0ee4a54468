#include "i18n.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace sb::ui {

namespace {
const auto kKey = QStringLiteral("language");
}

QStringList availableLanguages()
{
    QStringList out{QStringLiteral("en")};
    const auto files = QDir(QStringLiteral(":/i18n")).entryList({QStringLiteral("switchboard_*.qm")});
    for (const QString &f : files)
        out.append(f.mid(12, f.size() - 12 - 3));  // switchboard_de.qm -> de
    return out;
}

QString languageName(const QString &code)
{
    if (code == QLatin1String("en"))
        return QStringLiteral("English");  // the source language; QLocale would say "American English"
    const QLocale locale(code);
    QString name = locale.nativeLanguageName();
    if (name.isEmpty())
        return code;
    name[0] = name[0].toUpper();
    return name;
}

QString savedLanguage()
{
    return QSettings().value(kKey, QStringLiteral("system")).toString();
}

void saveLanguage(const QString &code)
{
    QSettings().setValue(kKey, code);
}

QString installTranslations(QCoreApplication &app, const QString &code)
{
    const QLocale locale = code == QLatin1String("system") || code.isEmpty() ? QLocale::system() : QLocale(code);
    auto *own = new QTranslator(&app);
    if (!own->load(locale, QStringLiteral("switchboard"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete own;
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(own);
    // Qt's own strings (standard buttons, file dialogs), when Debian's translations are installed.
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    QLocale::setDefault(locale);
    return QLocale(own->language()).name().section(QLatin1Char('_'), 0, 0);
}

}  // namespace sb::ui
