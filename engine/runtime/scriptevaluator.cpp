// QJSEngine behind the ScriptEvaluator seam. A watchdog thread interrupts scripts that overrun.
#include <engine/runtime/scriptevaluator.h>

#include <QJSEngine>
#include <QJSValue>
#include <QString>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <unordered_map>

namespace tutti::engine {

class ScriptEvaluator::Impl {
public:
    Impl()
    {
        // No extensions: no console, no timers, no module loading — scripts are pure functions.
        m_watchdog = std::thread([this] { watch(); });
    }
    ~Impl()
    {
        {
            std::lock_guard lock(m_mutex);
            m_stop = true;
        }
        m_wake.notify_all();
        m_watchdog.join();
    }

    ScriptOutcome evaluate(const std::string &code, const Json &context, Micros timeout)
    {
        ScriptOutcome out;
        QJSValue fn = compiled(code);
        if (fn.isError()) {
            out.message = fn.property("message").toString().toStdString();
            out.line = fn.property("lineNumber").toInt() - 1; // the wrapper adds one line
            return out;
        }
        arm(timeout);
        QJSValue result = fn.call({QJSValue(QString::fromStdString(context.dump()))});
        const bool interrupted = disarm();
        m_engine.setInterrupted(false);
        if (interrupted) {
            out.timedOut = true;
            out.message =
                "script exceeded its timeout of " + std::to_string(timeout / 1000) + " ms";
            return out;
        }
        if (result.isError()) {
            out.message = result.property("name").toString().toStdString() + ": " +
                          result.property("message").toString().toStdString();
            out.line = std::max(0, result.property("lineNumber").toInt() - 1);
            return out;
        }
        try {
            out.value = Json::parse(result.toString().toStdString());
            out.ok = true;
        } catch (const Json::exception &) {
            out.message = "script returned a value that is not JSON";
        }
        return out;
    }

private:
    QJSValue compiled(const std::string &code)
    {
        auto it = m_cache.find(code);
        if (it != m_cache.end())
            return it->second;
        // The context arrives as JSON text so each call works on its own copy.
        const QString wrapper =
            QStringLiteral("(function(__ctx) { const {input, steps, vars, env, item, "
                           "index, run} = JSON.parse(__ctx);\n"
                           "const __r = (function() {\n%1\n})();\n"
                           "return JSON.stringify(__r === undefined ? null : __r); })")
                .arg(QString::fromStdString(code));
        QJSValue fn = m_engine.evaluate(wrapper, QStringLiteral("script"), 0);
        if (m_cache.size() > 256)
            m_cache.clear();
        m_cache.emplace(code, fn);
        return fn;
    }

    void arm(Micros timeout)
    {
        std::lock_guard lock(m_mutex);
        m_deadline = std::chrono::steady_clock::now() + std::chrono::microseconds(timeout);
        m_armed = true;
        m_fired = false;
        m_wake.notify_all();
    }
    bool disarm()
    {
        std::lock_guard lock(m_mutex);
        m_armed = false;
        return m_fired;
    }
    void watch()
    {
        std::unique_lock lock(m_mutex);
        while (!m_stop) {
            if (!m_armed) {
                m_wake.wait(lock);
                continue;
            }
            if (m_wake.wait_until(lock, m_deadline) == std::cv_status::timeout && m_armed &&
                std::chrono::steady_clock::now() >= m_deadline) {
                m_fired = true;
                m_armed = false;
                m_engine.setInterrupted(true); // thread-safe by design of QJSEngine
            }
        }
    }

    QJSEngine m_engine;
    std::unordered_map<std::string, QJSValue> m_cache;
    std::thread m_watchdog;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::chrono::steady_clock::time_point m_deadline;
    bool m_armed = false;
    bool m_fired = false;
    bool m_stop = false;
};

ScriptEvaluator::ScriptEvaluator()
    : m(std::make_unique<Impl>())
{
}
ScriptEvaluator::~ScriptEvaluator() = default;

ScriptOutcome ScriptEvaluator::evaluate(const std::string &code, const Json &context,
                                        Micros timeout)
{
    return m->evaluate(code, context, timeout);
}

} // namespace tutti::engine
