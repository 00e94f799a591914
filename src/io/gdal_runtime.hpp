// GDAL lifetime: registered once on first use, torn down at exit after everything
// that uses it (static order: the runtime object outlives all datasets we open,
// which are scoped to functions).
#pragma once

namespace stationplan::io {

void ensure_gdal();

}  // namespace stationplan::io
