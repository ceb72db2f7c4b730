// Mock and profile documents (specdocument.h).
#include <document/specdocument.h>

#include <engine/model/atomicfile.h>
#include <engine/model/yamldoc.h>

#include <document/yamlpatch.h>

#include <QFile>

namespace tutti::engine {

SpecDocument::SpecDocument(Validator validator, QObject *parent)
    : QObject(parent)
    , m_validator(std::move(validator))
{
}

Result<void> SpecDocument::load(const std::string &path)
{
    QFile file(QString::fromStdString(path));
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, "cannot open file: " + file.errorString().toStdString(),
                    {path, 0, 0});
    const QByteArray bytes = file.readAll();
    m_filePath = path;
    m_savedText.assign(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    m_json = Json();
    setText(m_savedText);
    return {};
}

Result<void> SpecDocument::save(const std::string &path)
{
    const std::string target = path.empty() ? m_filePath : path;
    if (target.empty())
        return fail(ErrorCode::Io, "the file has no name yet");
    if (auto ok = writeFileAtomically(target, m_text); !ok)
        return ok;
    const bool was = isModified();
    m_filePath = target;
    m_savedText = m_text;
    if (was)
        emit modificationChanged(false);
    return {};
}

Result<void> SpecDocument::saveCopy(const std::string &path) const
{
    return writeFileAtomically(path, m_text);
}

void SpecDocument::setText(std::string text)
{
    if (text == m_text && (!m_json.is_null() || m_parseError))
        return;
    const bool was = isModified();
    m_text = std::move(text);
    reparse();
    emit textChanged();
    emit problemsChanged();
    if (was != isModified())
        emit modificationChanged(isModified());
}

void SpecDocument::reparse()
{
    m_problems.clear();
    auto parsed = parseYaml(m_text, m_filePath);
    if (!parsed) {
        m_parseError = parsed.error();
        m_problems.push_back(parsed.error());
        return; // the JSON stays the last version that parsed
    }
    m_parseError.reset();
    m_json = std::move(parsed->root);
    if (m_validator)
        m_problems = m_validator(m_text, m_filePath);
}

Result<std::string> SpecDocument::textFor(const Json &after) const
{
    if (m_parseError)
        return fail(ErrorCode::Syntax,
                    "the YAML does not parse; fix it in the YAML view first: " +
                        m_parseError->message,
                    m_parseError->location);
    // What cannot be patched surgically (anchors, tags, …) is written canonically instead.
    if (auto patched = patchYaml(m_text, m_json, after))
        return patched;
    return toYaml(after);
}

Json SpecDocument::withValue(Json value, const std::string &pointer,
                             const std::optional<Json> &replacement)
{
    const Json::json_pointer ptr(pointer);
    if (replacement) {
        if (!value.is_object() && !value.is_array())
            value = Json::object();
        value[ptr] = *replacement;
        return value;
    }
    if (pointer.empty() || !value.contains(ptr))
        return value;
    Json &parent = value[ptr.parent_pointer()];
    const std::string last = ptr.back();
    if (parent.is_object())
        parent.erase(last);
    else if (parent.is_array())
        parent.erase(static_cast<std::size_t>(std::stoul(last)));
    return value;
}

} // namespace tutti::engine
