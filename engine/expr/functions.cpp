// Implementations of the built-in functions (len, lower, …, round). Every argument error
// names the function and the arguments it expects.
#include <engine/expr/functions.h>

#include <engine/core/encoding.h>
#include <engine/expr/textutil.h>

#include <engine/core/jsonio.h>
#include <engine/core/text.h>

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <limits>

namespace tutti::engine::expr::internal {

namespace {

enum Fn {
    Len,
    Lower,
    Upper,
    Trim,
    Contains,
    StartsWith,
    EndsWith,
    Split,
    Join,
    Keys,
    Values,
    Default,
    Number,
    String,
    JsonParse,
    ToJson,
    Base64,
    Unbase64,
    Uuid,
    Now,
    Sum,
    Min,
    Max,
    Round,
};

[[noreturn]] void fail(int index, const std::string &what)
{
    throw FunctionError{std::string(functionTable()[static_cast<std::size_t>(index)].signature) +
                        ": " + what};
}

[[noreturn]] void expected(int index, std::string_view wanted, const Json &got)
{
    fail(index, "expects " + std::string(wanted) + ", got " + describe(got));
}

const std::string &stringArg(int index, const Json &value, std::string_view wanted = "a string")
{
    if (!value.is_string())
        expected(index, wanted, value);
    return value.get_ref<const std::string &>();
}

// What trim() and number() skip: the ASCII white space of C's isspace().
constexpr std::string_view kSpace = " \t\n\r\f\v";

// Splits into UTF-8 code points (a lead byte and its continuation bytes).
std::vector<std::string_view> codePoints(std::string_view s)
{
    std::vector<std::string_view> out;
    std::size_t i = 0;
    while (i < s.size()) {
        std::size_t j = i + 1;
        while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80)
            ++j;
        out.push_back(s.substr(i, j - i));
        i = j;
    }
    return out;
}

bool containsValue(const Json &haystack, const Json &needle, int index)
{
    if (haystack.is_string()) {
        if (!needle.is_string())
            fail(index, "cannot search a string for " + describe(needle));
        return haystack.get_ref<const std::string &>().find(
                   needle.get_ref<const std::string &>()) != std::string::npos;
    }
    if (haystack.is_array()) {
        for (const Json &element : haystack) {
            if (deepEqual(element, needle))
                return true;
        }
        return false;
    }
    if (haystack.is_object()) {
        if (!needle.is_string())
            fail(index, "object keys are strings, got " + describe(needle));
        return haystack.contains(needle.get_ref<const std::string &>());
    }
    if (haystack.is_null())
        return false;
    expected(index, "a string, array or object", haystack);
}

int base64Digit(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+' || c == '-') // standard and URL-safe alphabets
        return 62;
    if (c == '/' || c == '_')
        return 63;
    return -1;
}

std::string decodeBase64(std::string_view in, int index)
{
    while (!in.empty() && in.back() == '=')
        in.remove_suffix(1);
    if (in.size() % 4 == 1)
        fail(index, "the text is not valid base64 (wrong length)");
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (std::size_t i = 0; i < in.size(); ++i) {
        const int d = base64Digit(in[i]);
        if (d < 0)
            fail(index, "the text is not valid base64 (bad character at offset " +
                            std::to_string(i) + ")");
        buffer = (buffer << 6) | static_cast<unsigned>(d);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((buffer >> bits) & 0xFF);
        }
    }
    return out;
}

Json parseNumber(std::string_view text, int index)
{
    const std::string_view t = trimmed(text, kSpace);
    std::string_view digits = t;
    if (!digits.empty() && digits.front() == '+')
        digits.remove_prefix(1);
    std::int64_t i = 0;
    auto [endI, errI] = std::from_chars(digits.data(), digits.data() + digits.size(), i);
    if (!digits.empty() && errI == std::errc() && endI == digits.data() + digits.size())
        return i;
    double d = 0;
    auto [endD, errD] = std::from_chars(digits.data(), digits.data() + digits.size(), d);
    if (!digits.empty() && errD == std::errc() && endD == digits.data() + digits.size() &&
        std::isfinite(d))
        return d;
    fail(index, "cannot convert " + describe(Json(std::string(text))) + " to a number");
}

// The numbers sum/min/max work over: one array argument, or the arguments themselves.
std::vector<const Json *> numbersOf(int index, std::span<const Json *const> args)
{
    std::vector<const Json *> out;
    if (args.size() == 1 && args[0]->is_array()) {
        for (const Json &element : *args[0])
            out.push_back(&element);
    } else {
        out.assign(args.begin(), args.end());
    }
    for (const Json *value : out) {
        if (!value->is_number())
            expected(index, "numbers", *value);
    }
    return out;
}

Json sumOf(const std::vector<const Json *> &numbers)
{
    std::int64_t total = 0;
    bool integral = true;
    for (const Json *value : numbers) {
        std::int64_t x = 0;
        if (!asInt(*value, x) || __builtin_add_overflow(total, x, &total)) {
            integral = false;
            break;
        }
    }
    if (integral)
        return total;
    double sum = 0;
    for (const Json *value : numbers)
        sum += value->get<double>();
    return sum;
}

bool numberLess(const Json &a, const Json &b)
{
    std::int64_t x = 0, y = 0;
    if (asInt(a, x) && asInt(b, y))
        return x < y;
    return a.get<double>() < b.get<double>();
}

Json roundNumber(const Json &value, std::int64_t digits, int index)
{
    std::int64_t i = 0;
    if (asInt(value, i) && digits >= 0)
        return i;
    const double x = value.get<double>();
    if (digits > 15 || digits < -18)
        fail(index, "digits must be between -18 and 15");
    const double scale = std::pow(10.0, static_cast<double>(std::abs(digits)));
    double r = 0;
    if (digits > 0)
        r = std::round(x * scale) / scale;
    else
        r = std::round(x / scale) * scale;
    if (digits <= 0 && std::abs(r) < 9.2e18)
        return static_cast<std::int64_t>(r);
    return r;
}

} // namespace

const std::vector<FunctionInfo> &functionTable()
{
    // Order matches enum Fn.
    static const std::vector<FunctionInfo> table = {
        {"len", 1, 1, "len(value)"},
        {"lower", 1, 1, "lower(text)"},
        {"upper", 1, 1, "upper(text)"},
        {"trim", 1, 1, "trim(text)"},
        {"contains", 2, 2, "contains(haystack, needle)"},
        {"startsWith", 2, 2, "startsWith(text, prefix)"},
        {"endsWith", 2, 2, "endsWith(text, suffix)"},
        {"split", 2, 2, "split(text, separator)"},
        {"join", 1, 2, "join(array[, separator])"},
        {"keys", 1, 1, "keys(object)"},
        {"values", 1, 1, "values(object)"},
        {"default", 2, 2, "default(value, fallback)"},
        {"number", 1, 1, "number(value)"},
        {"string", 1, 1, "string(value)"},
        {"json", 1, 1, "json(text)"},
        {"toJson", 1, 1, "toJson(value)"},
        {"base64", 1, 1, "base64(text)"},
        {"unbase64", 1, 1, "unbase64(text)"},
        {"uuid", 0, 0, "uuid()"},
        {"now", 0, 0, "now()"},
        {"sum", 1, -1, "sum(array | numbers...)"},
        {"min", 1, -1, "min(array | numbers...)"},
        {"max", 1, -1, "max(array | numbers...)"},
        {"round", 1, 2, "round(number[, digits])"},
    };
    return table;
}

int findFunction(std::string_view name)
{
    const auto &table = functionTable();
    for (std::size_t i = 0; i < table.size(); ++i) {
        if (table[i].name == name)
            return static_cast<int>(i);
    }
    return -1;
}

int defaultFunctionIndex()
{
    return Default;
}

std::string formatIsoTime(Micros sinceEpoch)
{
    using namespace std::chrono;
    const sys_time<microseconds> tp{microseconds{sinceEpoch}};
    const auto day = floor<days>(tp);
    const year_month_day ymd{day};
    const auto ms = duration_cast<milliseconds>(tp - day).count();
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ",
                  static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                  static_cast<unsigned>(ymd.day()), static_cast<int>(ms / 3600000),
                  static_cast<int>(ms / 60000 % 60), static_cast<int>(ms / 1000 % 60),
                  static_cast<int>(ms % 1000));
    return buffer;
}

Json callFunction(int index, std::span<const Json *const> args, EvalContext &context)
{
    switch (static_cast<Fn>(index)) {
    case Len: {
        const Json &v = *args[0];
        if (v.is_string())
            return utf8Length(v.get_ref<const std::string &>());
        if (v.is_array() || v.is_object())
            return v.size();
        if (v.is_null())
            return 0;
        expected(index, "a string, array or object", v);
    }
    case Lower:
    case Upper: {
        std::string s = stringArg(index, *args[0]);
        for (char &c : s) {
            if (index == Lower && c >= 'A' && c <= 'Z')
                c = static_cast<char>(c - 'A' + 'a');
            else if (index == Upper && c >= 'a' && c <= 'z')
                c = static_cast<char>(c - 'a' + 'A');
        }
        return s;
    }
    case Trim:
        return std::string(trimmed(stringArg(index, *args[0]), kSpace));
    case Contains:
        return containsValue(*args[0], *args[1], index);
    case StartsWith:
    case EndsWith: {
        const std::string &s = stringArg(index, *args[0]);
        const std::string &affix = stringArg(index, *args[1]);
        return index == StartsWith ? s.starts_with(affix) : s.ends_with(affix);
    }
    case Split: {
        const std::string &s = stringArg(index, *args[0]);
        const std::string &separator = stringArg(index, *args[1]);
        Json out = Json::array();
        if (separator.empty()) {
            for (std::string_view cp : codePoints(s))
                out.push_back(std::string(cp));
            return out;
        }
        std::size_t start = 0;
        while (true) {
            const std::size_t at = s.find(separator, start);
            if (at == std::string::npos) {
                out.push_back(s.substr(start));
                return out;
            }
            out.push_back(s.substr(start, at - start));
            start = at + separator.size();
        }
    }
    case Join: {
        if (!args[0]->is_array())
            expected(index, "an array", *args[0]);
        std::string separator;
        if (args.size() > 1)
            separator = stringArg(index, *args[1], "a string separator");
        std::string out;
        bool first = true;
        for (const Json &element : *args[0]) {
            if (!first)
                out += separator;
            first = false;
            appendRendered(element, out);
        }
        return out;
    }
    case Keys:
    case Values: {
        if (!args[0]->is_object())
            expected(index, "an object", *args[0]);
        Json out = Json::array();
        for (auto it = args[0]->begin(); it != args[0]->end(); ++it) {
            if (index == Keys)
                out.push_back(it.key());
            else
                out.push_back(it.value());
        }
        return out;
    }
    case Default:
        return args[0]->is_null() ? *args[1] : *args[0];
    case Number: {
        const Json &v = *args[0];
        if (v.is_number())
            return v;
        if (v.is_boolean())
            return v.get<bool>() ? 1 : 0;
        if (v.is_string())
            return parseNumber(v.get_ref<const std::string &>(), index);
        expected(index, "a number, string or boolean", v);
    }
    case String: {
        std::string out;
        appendRendered(*args[0], out);
        return out;
    }
    case JsonParse: {
        const std::string &text = stringArg(index, *args[0], "a string of JSON text");
        // Bounded like every other way in: the result is walked by dumps and comparisons.
        auto parsed = parseJson(text);
        if (!parsed)
            fail(index, "the text is not valid JSON: " + describe(*args[0]) + " (" +
                            jsonErrorText(parsed.error()) + ")");
        return std::move(*parsed);
    }
    case ToJson:
        return toCompactJson(*args[0]);
    case Base64:
        return base64Encode(stringArg(index, *args[0]));
    case Unbase64:
        return decodeBase64(stringArg(index, *args[0]), index);
    case Uuid:
        return context.uuid();
    case Now:
        return formatIsoTime(context.now());
    case Sum:
        return sumOf(numbersOf(index, args));
    case Min:
    case Max: {
        const auto numbers = numbersOf(index, args);
        if (numbers.empty())
            return nullptr;
        const Json *best = numbers.front();
        for (const Json *v : numbers) {
            if (index == Min ? numberLess(*v, *best) : numberLess(*best, *v))
                best = v;
        }
        return *best;
    }
    case Round: {
        if (!args[0]->is_number())
            expected(index, "a number", *args[0]);
        std::int64_t digits = 0;
        if (args.size() > 1) {
            if (!asInt(*args[1], digits)) {
                const Json &d = *args[1];
                if (!d.is_number_float() || d.get<double>() != std::trunc(d.get<double>()))
                    expected(index, "an integer number of digits", d);
                digits = static_cast<std::int64_t>(d.get<double>());
            }
        }
        return roundNumber(*args[0], digits, index);
    }
    }
    throw FunctionError{"unknown function"};
}

} // namespace tutti::engine::expr::internal

namespace tutti::engine::expr {

const std::vector<std::string> &functionNames()
{
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const auto &f : internal::functionTable())
            out.emplace_back(f.name);
        return out;
    }();
    return names;
}

} // namespace tutti::engine::expr
