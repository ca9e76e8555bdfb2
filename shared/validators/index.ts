export {
  validateIdCard,
  idCardCheckChar,
  maskIdCard,
  looksLikeExcelScientific,
  toHalfWidth,
} from './idCard';
export type { IdCardValidation } from './idCard';
export { validateCreditCode, creditCodeCheckChar } from './creditCode';
export type { CreditCodeValidation } from './creditCode';
export {
  validateMobile,
  validateLandline,
  validatePhone,
  maskMobile,
  digitsOnly,
} from './phone';
export type { MobileValidation, LandlineValidation, PhoneValidation } from './phone';
