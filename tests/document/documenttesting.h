// What the flow-document tests share (tests/document and the editor's command tests): the
// checkout flow they edit and an edge lookup.
#pragma once

#include <document/flowdocument.h>

#include <QString>
#include <QStringList>

#include <string>
#include <vector>

namespace tutti::engine::test {

inline QString checkoutPath()
{
    return QStringLiteral(TUTTI_TEST_DATA "/editor/checkout.flow.yaml");
}

inline bool hasEdge(const FlowDocument &doc, const std::string &from, EdgeKind kind,
                    const std::string &to)
{
    for (const auto &e : doc.edges())
        if (e.from == from && e.kind == kind && e.to == to)
            return true;
    return false;
}

// What a change of a text did, line by line (a longest-common-subsequence diff): the lines that
// went ("-" prefixed) and came ("+" prefixed), in file order.
inline QStringList lineDiff(const std::string &before, const std::string &after)
{
    const QStringList a = QString::fromStdString(before).split(u'\n');
    const QStringList b = QString::fromStdString(after).split(u'\n');
    const qsizetype n = a.size(), m = b.size();
    std::vector<int> lcs(static_cast<std::size_t>((n + 1) * (m + 1)), 0);
    const auto at = [&](qsizetype i, qsizetype j) -> int & {
        return lcs[static_cast<std::size_t>(i * (m + 1) + j)];
    };
    for (qsizetype i = n - 1; i >= 0; --i)
        for (qsizetype j = m - 1; j >= 0; --j)
            at(i, j) = a[i] == b[j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    QStringList out;
    qsizetype i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] == b[j]) {
            ++i;
            ++j;
        } else if (i < n && (j == m || at(i + 1, j) >= at(i, j + 1))) {
            out << u'-' + a[i++];
        } else {
            out << u'+' + b[j++];
        }
    }
    return out;
}

} // namespace tutti::engine::test
