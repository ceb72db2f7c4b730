// What the flow-document tests share (tests/document and the editor's command tests): the
// checkout flow they edit and an edge lookup.
#pragma once

#include <document/flowdocument.h>

#include <QString>

#include <string>

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

} // namespace tutti::engine::test
