#pragma once
// A QR code of a text (libqrencode), as an image with a quiet zone, for phones to scan: the
// LAN address of the web chat page (Help menu).

#include <QDialog>
#include <QImage>
#include <QString>

namespace sb::ui {

// Black modules on white, `scale` pixels each, 4 modules of quiet zone; null if the text
// cannot be encoded (too long).
QImage qrImage(const QString &text, int scale = 8);

// The QR code with the text under it.
class QrDialog final : public QDialog
{
    Q_OBJECT
public:
    QrDialog(const QString &title, const QString &text, QWidget *parent = nullptr);
    QImage image() const { return m_image; }

private:
    QImage m_image;
};

}  // namespace sb::ui
