import type { Collaborator } from '@campaign/contracts';
import ExcelJS from 'exceljs';

/** The collaborators' shipping addresses as an .xlsx workbook, one row per collaborator. */
export async function addressWorkbook(campaignTitle: string, collaborators: Collaborator[]) {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Campaign platform';
  const sheet = workbook.addWorksheet('Shipping addresses');
  sheet.columns = [
    { header: 'Name', key: 'name', width: 24 },
    { header: 'Handle', key: 'handle', width: 20 },
    { header: 'Street', key: 'street', width: 30 },
    { header: 'Postcode', key: 'postcode', width: 12 },
    { header: 'City', key: 'city', width: 18 },
    { header: 'Country', key: 'country', width: 10 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const collaborator of collaborators) {
    const address = collaborator.shippingAddress;
    sheet.addRow({
      name: collaborator.name,
      handle: collaborator.handle,
      street: address?.street ?? '',
      postcode: address?.postcode ?? '',
      city: address?.city ?? '',
      country: address?.country ?? '',
    });
  }
  workbook.title = `${campaignTitle}: shipping addresses`;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
