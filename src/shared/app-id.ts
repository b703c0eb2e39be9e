/**
 * The app's identity with the OS: electron-builder's `appId` (the installer's, in
 * electron-builder.yml) and, on Windows, the AppUserModelID its toasts are filed under. One value,
 * or Windows shows notifications under an unknown app and cannot route presses back to it.
 */
export const APP_ID = 'com.standby.app'
