import Foundation
print("opswiki")
