// The studio's services (studioservices.h).
#include <app/studio/services/studioservices.h>

namespace tutti::studio {

StudioServices::StudioServices()
    : m_mocks(&m_curl)
{
}

} // namespace tutti::studio
