// Placeholder.
namespace tutti::mocks { void placeholder() {} }
