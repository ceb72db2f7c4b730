// Step JSON read through the step descriptors; see stepstructure.h.
#include <document/stepstructure.h>

namespace tutti::engine {

namespace {

std::string str(const Json &object, const std::string &key)
{
    if (!object.is_object())
        return {};
    auto it = object.find(key);
    return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string child(const std::string &pointer, const std::string &key)
{
    return pointer + "/" + key; // keys of step fields never need JSON-pointer escaping
}

} // namespace

const StepDescriptor *descriptorOf(const Json &step)
{
    const auto type = parseStepType(str(step, "type"));
    return type ? &stepDescriptor(*type) : nullptr;
}

const std::vector<FieldDescriptor> &fieldsOf(const Json &step)
{
    if (const StepDescriptor *d = descriptorOf(step))
        return d->fields;
    static const std::vector<FieldDescriptor> shared = {
        stepfields::next(),
        stepfields::end(),
        stepfields::catches(),
        stepfields::compensate("the request that undoes this step when the run fails later"),
    };
    return shared;
}

bool nestsSteps(const FieldDescriptor &field)
{
    return field.edge == EdgeKind::Body || field.edge == EdgeKind::Branch;
}

const FieldDescriptor *fieldMaking(const std::vector<FieldDescriptor> &fields, EdgeKind kind)
{
    for (const FieldDescriptor &f : fields)
        if (f.edge == kind)
            return &f;
    return nullptr;
}

const FieldDescriptor *targetKey(const FieldDescriptor &listField)
{
    for (const FieldDescriptor &f : listField.fields)
        if (f.kind == FieldKind::StepRef)
            return &f;
    return nullptr;
}

const FieldDescriptor *labelKey(const FieldDescriptor &listField)
{
    for (const FieldDescriptor &f : listField.fields)
        if (f.kind != FieldKind::StepRef && f.kind != FieldKind::Steps)
            return &f;
    return nullptr;
}

std::vector<NestedList> nestedLists(const Json &step)
{
    std::vector<NestedList> out;
    if (!step.is_object())
        return out;
    for (const FieldDescriptor &f : fieldsOf(step)) {
        if (!nestsSteps(f))
            continue;
        const auto value = step.find(f.key);
        if (value == step.end())
            continue;
        if (f.kind == FieldKind::Steps) { // a body: the key holds the steps
            if (value->is_array())
                out.push_back({"/" + f.key, *f.edge, 0, &step});
            continue;
        }
        // A list of items (branches), each holding its steps under a Steps key.
        const FieldDescriptor *stepsKey = nullptr;
        for (const FieldDescriptor &sub : f.fields)
            if (sub.kind == FieldKind::Steps)
                stepsKey = &sub;
        if (!stepsKey || !value->is_array())
            continue;
        for (std::size_t i = 0; i < value->size(); ++i) {
            const Json &item = (*value)[i];
            if (!item.is_object())
                continue;
            if (auto s = item.find(stepsKey->key); s != item.end() && s->is_array())
                out.push_back({child("/" + f.key + "/" + std::to_string(i), stepsKey->key), *f.edge,
                               static_cast<int>(i), &item});
        }
    }
    return out;
}

std::vector<StepRef> stepRefs(const Json &step)
{
    std::vector<StepRef> out;
    if (!step.is_object())
        return out;
    for (const FieldDescriptor &f : fieldsOf(step)) {
        if (!f.edge)
            continue;
        const auto value = step.find(f.key);
        if (value == step.end())
            continue;
        if (f.kind == FieldKind::StepRef) {
            if (value->is_string())
                out.push_back({"/" + f.key, *f.edge, 0, nullptr, nullptr});
            continue;
        }
        const FieldDescriptor *target = f.kind == FieldKind::List ? targetKey(f) : nullptr;
        if (!target || !value->is_array())
            continue;
        for (std::size_t i = 0; i < value->size(); ++i) {
            const Json &rule = (*value)[i];
            if (rule.is_object() && rule.contains(target->key) && rule.at(target->key).is_string())
                out.push_back({child("/" + f.key + "/" + std::to_string(i), target->key), *f.edge,
                               static_cast<int>(i), &rule, &f});
        }
    }
    return out;
}

void collectStepIds(const Json &step, std::vector<std::string> &out)
{
    if (!step.is_object())
        return;
    if (auto id = str(step, "id"); !id.empty())
        out.push_back(id);
    for (const NestedList &list : nestedLists(step))
        for (const Json &s : step.at(Json::json_pointer(list.pointer)))
            collectStepIds(s, out);
}

} // namespace tutti::engine
