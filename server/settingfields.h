#pragma once
// Settings read from config.json through a table: one row per key (its member, its range),
// read, written and listed the same way for the server's own settings and for every
// service's (docs/architecture.md, "Adding a service"). Errors name `where`.key.

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <any>
#include <functional>
#include <variant>

namespace sb {

template <typename Owner>
struct SettingField {
    const char *key;
    std::variant<int Owner::*, qint64 Owner::*, bool Owner::*, QString Owner::*, QStringList Owner::*> field;
    qint64 lo = 0;  // whole numbers only: the accepted range
    qint64 hi = 0;
};

namespace settingfields {

QString qualified(const QString &where, const QString &key);
bool readInteger(const QJsonValue &v, const QString &key, qint64 lo, qint64 hi, qint64 *out, QString *error);
bool readStringList(const QJsonValue &v, const QString &key, QStringList *out, QString *error);
// Fails naming the first key of `obj` not in `allowed`.
bool checkKeys(const QJsonObject &obj, const QString &where, const QStringList &allowed, QString *error);

}  // namespace settingfields

// Reads the rows of `fields` present in `o` into `out`.
template <typename Owner, typename Fields>
bool readFields(const QJsonObject &o, const QString &where, const Fields &fields, Owner *out, QString *error)
{
    using namespace settingfields;
    for (const SettingField<Owner> &f : fields) {
        const QLatin1String key(f.key);
        if (!o.contains(key))
            continue;
        const QJsonValue v = o[key];
        const QString name = qualified(where, key);
        bool ok = true;
        std::visit(
            [&](auto member) {
                using T = std::remove_reference_t<decltype(out->*member)>;
                if constexpr (std::is_same_v<T, int> || std::is_same_v<T, qint64>) {
                    qint64 n = 0;
                    ok = readInteger(v, name, f.lo, f.hi, &n, error);
                    if (ok)
                        out->*member = T(n);
                } else if constexpr (std::is_same_v<T, bool>) {
                    ok = v.isBool();
                    if (ok)
                        out->*member = v.toBool();
                    else
                        *error = QStringLiteral("%1: must be true or false").arg(name);
                } else if constexpr (std::is_same_v<T, QString>) {
                    ok = v.isString();
                    if (ok)
                        out->*member = v.toString();
                    else
                        *error = QStringLiteral("%1: must be a string").arg(name);
                } else {
                    ok = readStringList(v, name, &(out->*member), error);
                }
            },
            f.field);
        if (!ok)
            return false;
    }
    return true;
}

template <typename Owner, typename Fields>
void writeFields(const Fields &fields, const Owner &in, QJsonObject *o)
{
    for (const SettingField<Owner> &f : fields) {
        std::visit(
            [&](auto member) {
                using T = std::remove_cvref_t<decltype(in.*member)>;
                if constexpr (std::is_same_v<T, qint64>)
                    o->insert(QLatin1String(f.key), double(in.*member));
                else if constexpr (std::is_same_v<T, QStringList>)
                    o->insert(QLatin1String(f.key), QJsonArray::fromStringList(in.*member));
                else
                    o->insert(QLatin1String(f.key), in.*member);
            },
            f.field);
    }
}

template <typename Fields>
QStringList keysOf(const Fields &fields)
{
    QStringList keys;
    for (const auto &f : fields)
        keys.append(QLatin1String(f.key));
    return keys;
}

// One service's settings, whatever their type: a struct whose default member values are the
// defaults, and its field table. Kept in ServiceConfig::settings as a std::any.
class SettingsSchema
{
public:
    SettingsSchema() = default;  // no settings of its own
    template <typename S, size_t N>
    explicit SettingsSchema(const SettingField<S> (&fields)[N])
        : m_keys(keysOf(fields))
        , m_defaults([] { return std::any(S{}); })
        , m_read([&fields](const QJsonObject &o, const QString &where, std::any *value, QString *error) {
            if (!value->has_value())
                *value = S{};
            return readFields(o, where, fields, std::any_cast<S>(value), error);
        })
        , m_write([&fields](const std::any &value, QJsonObject *o) {
            if (const S *s = std::any_cast<S>(&value))
                writeFields(fields, *s, o);
            else
                writeFields(fields, S{}, o);
        })
    {
    }

    QStringList keys() const { return m_keys; }
    std::any defaults() const { return m_defaults ? m_defaults() : std::any(); }
    bool read(const QJsonObject &o, const QString &where, std::any *value, QString *error) const
    {
        return !m_read || m_read(o, where, value, error);
    }
    void write(const std::any &value, QJsonObject *o) const
    {
        if (m_write)
            m_write(value, o);
    }

private:
    QStringList m_keys;
    std::function<std::any()> m_defaults;
    std::function<bool(const QJsonObject &, const QString &, std::any *, QString *)> m_read;
    std::function<void(const std::any &, QJsonObject *)> m_write;
};

}  // namespace sb
