#include "qrcode.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPixmap>
#include <QVBoxLayout>

#include <qrencode.h>

namespace sb::ui {

QImage qrImage(const QString &text, int scale)
{
    const QByteArray utf8 = text.toUtf8();
    QRcode *code = QRcode_encodeString(utf8.constData(), 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!code)
        return {};
    constexpr int kQuiet = 4;
    const int side = (code->width + 2 * kQuiet) * scale;
    QImage image(side, side, QImage::Format_Grayscale8);
    image.fill(255);
    for (int y = 0; y < code->width; ++y) {
        for (int x = 0; x < code->width; ++x) {
            if (!(code->data[y * code->width + x] & 1))
                continue;  // bit 0: a dark module
            for (int dy = 0; dy < scale; ++dy) {
                uchar *line = image.scanLine((y + kQuiet) * scale + dy);
                memset(line + (x + kQuiet) * scale, 0, size_t(scale));
            }
        }
    }
    QRcode_free(code);
    return image;
}

QrDialog::QrDialog(const QString &title, const QString &text, QWidget *parent) : QDialog(parent), m_image(qrImage(text))
{
    setWindowTitle(title);
    auto *layout = new QVBoxLayout(this);
    auto *picture = new QLabel(this);
    picture->setAlignment(Qt::AlignCenter);
    if (m_image.isNull())
        picture->setText(tr("This address is too long for a QR code."));
    else
        picture->setPixmap(QPixmap::fromImage(m_image));
    layout->addWidget(picture);
    auto *caption = new QLabel(text, this);
    caption->setAlignment(Qt::AlignCenter);
    caption->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(caption);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

}  // namespace sb::ui
