// Placeholder.
namespace tutti::editor { void placeholder() {} }
