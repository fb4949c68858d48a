// Where tests find the source tree and the built binaries (set by CTest).
#pragma once

#include <QString>

namespace vigil::test {

QString sourceDir();
QString binaryDir();
// Path of a built executable, e.g. binaryPath("app/vigilctl/vigilctl").
QString binaryPath(const QString &relative);

} // namespace vigil::test
