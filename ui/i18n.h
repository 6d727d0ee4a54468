#pragma once
// The interface language: Switchboard's own translations (compiled into the binary from
// translations/*.ts) and Qt's for its standard dialogs. Chosen by, in order: the
// --language option, the saved choice (Settings > Language), the system locale.

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace sb::ui {

// Language codes offered in Settings > Language besides "system" ("en" is the source).
QStringList availableLanguages();
// The language's own name ("Deutsch"), shown untranslated so anyone can find theirs.
QString languageName(const QString &code);
// The saved choice: "system" (the default) or a code from availableLanguages().
QString savedLanguage();
void saveLanguage(const QString &code);
// Installs the translators for `code` ("system" = the system locale) on the application;
// returns the language actually used ("en" when nothing matched).
QString installTranslations(QCoreApplication &app, const QString &code);

}  // namespace sb::ui
