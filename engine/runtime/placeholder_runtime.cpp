// Placeholder so the library has an object until its first real source lands.
namespace tutti::engine { void runtimePlaceholder() {} }
