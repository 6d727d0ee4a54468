#pragma once
// A value per service, keyed by the service's name. There are a handful of services with
// short names: comparing them one by one is cheaper than hashing one QString (Qt's qHash
// of a string runs on every lookup, on each handshake several times).

#include <QString>

#include <utility>
#include <vector>

namespace sb {

template <typename T>
class ServiceMap
{
public:
    const T *find(const QString &name) const
    {
        for (const auto &item : m_items) {
            if (item.first == name)
                return &item.second;
        }
        return nullptr;
    }
    T *find(const QString &name) { return const_cast<T *>(std::as_const(*this).find(name)); }
    // The value of `name`, default-constructed the first time.
    T &operator[](const QString &name)
    {
        if (T *v = find(name))
            return *v;
        return m_items.emplace_back(name, T{}).second;
    }
    void insert(const QString &name, T value) { (*this)[name] = std::move(value); }

    auto begin() const { return m_items.begin(); }
    auto end() const { return m_items.end(); }
    qsizetype size() const { return qsizetype(m_items.size()); }

private:
    std::vector<std::pair<QString, T>> m_items;
};

}  // namespace sb
