#include "tests/support/test_paths.h"

#include <QDir>

namespace vigil::test {

QString sourceDir() { return qEnvironmentVariable("VIGIL_SOURCE_DIR", QStringLiteral(".")); }
QString binaryDir() { return qEnvironmentVariable("VIGIL_BINARY_DIR", QStringLiteral(".")); }
QString binaryPath(const QString &relative) { return QDir(binaryDir()).filePath(relative); }

} // namespace vigil::test
